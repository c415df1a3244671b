using System.Text.Json;
using Castellan.Core.Assets;
using Castellan.Core.Zones;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Castellan.Web.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Assets;

/// <summary>/api/v1/sites/{site}/assets: the paged list, one asset, and the inventory import (preview, then apply).</summary>
public static class AssetsApi
{
    public static readonly string[] InventoryExtensions = [".csv", ".xlsx"];

    public static void Map(RouteGroupBuilder api)
    {
        var assets = api.MapGroup("/sites/{site}/assets").WithTags("Assets").AddEndpointFilter<StaleEditResults>();
        assets.MapGet("/", ListAsync).RequireAuthorization(Policies.SiteRead);
        assets.MapGet("/{asset}", GetAsync).RequireAuthorization(Policies.SiteRead);
        // The API's own antiforgery filter (ApiAntiforgery) guards cookie callers; tokens need none.
        assets.MapPost("/import", ImportAsync).RequireAuthorization(Policies.SiteEditOtModel).DisableAntiforgery();
    }

    /// <summary>The asset in its canonical workspace JSON (as docs/workspace.md describes it) and the version an edit carries.</summary>
    public sealed record AssetDetail(JsonElement Asset, long Version);

    private static async Task<Ok<ListAssets.Page>> ListAsync(string site, ListAssets list, int? page, int? size, string? sort, string? zone, string? q, CancellationToken cancellationToken) =>
        TypedResults.Ok(await list.RunAsync(site, new ListAssets.Query(page ?? 1, size ?? ListAssets.DefaultPageSize, sort ?? "id", zone, q), cancellationToken));

    private static async Task<Ok<AssetDetail>> GetAsync(string site, string asset, ShowAsset show, CancellationToken cancellationToken)
    {
        var found = await show.RunAsync(site, asset, cancellationToken);
        return TypedResults.Ok(new AssetDetail(JsonSerializer.SerializeToElement(found.Asset, WorkspaceJson.Options), found.Version));
    }

    /// <summary>preview=true (the default) answers what would change and writes nothing; preview=false applies, all or nothing.</summary>
    private static async Task<Results<Ok<ImportInventory.Preview>, ProblemHttpResult>> ImportAsync(string site, IFormFile? file, [FromForm] string? sha256,
        bool? preview, ImportInventory import, HttpContext http, CancellationToken cancellationToken)
    {
        Uploads.Check(file, "file", Uploads.MaxSpreadsheetBytes, InventoryExtensions);
        var content = await ReadAsync(file!, cancellationToken);
        if (preview ?? true)
        {
            return TypedResults.Ok(await import.PreviewAsync(site, file!.FileName, content, cancellationToken: cancellationToken));
        }

        var check = await import.PreviewAsync(site, file!.FileName, content, cancellationToken: cancellationToken);
        if (!check.CanApply)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The input was refused",
                detail: $"{file.FileName}: {check.Refused} row(s) refused, nothing imported: " +
                    string.Join("; ", check.Rows.Where(r => r.Change == RowChange.Refused).Take(10).Select(r => $"row {r.Row}: {r.Reason}")),
                extensions: new Dictionary<string, object?> { ["rows"] = check.Rows.Where(r => r.Change == RowChange.Refused).ToList() });
        }

        return TypedResults.Ok(await import.ApplyAsync(site, file.FileName, content, WebClaims.Actor(http.User), sha256, cancellationToken: cancellationToken));
    }

    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
