using System.Text.Json;
using Castellan.Core.Assets;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Castellan.Web.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Assets;

/// <summary>/api/v1/sites/{site}/assets: the paged list, one asset, and the inventory import (preview, then apply), run as jobs.</summary>
public static class AssetsApi
{
    public static readonly string[] InventoryExtensions = [".csv", ".xlsx"];

    public static void Map(RouteGroupBuilder api)
    {
        var assets = api.MapGroup("/sites/{site}/assets").WithTags("Assets");
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

    /// <summary>
    /// Starts the import as a job and answers 202 with its address: preview=true (the default) makes the preview (the
    /// job's result; it writes nothing), preview=false applies the file, all or nothing. With sha256 the file must be
    /// the previewed one (checked here: 400).
    /// </summary>
    private static async Task<Accepted<JobsApi.JobStatus>> ImportAsync(string site, IFormFile? file, [FromForm] string? sha256, bool? preview,
        StartJob start, CastellanDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        Uploads.Check(file, "file", Uploads.MaxSpreadsheetBytes, InventoryExtensions);
        var content = await ReadAsync(file!, cancellationToken);
        var name = Path.GetFileName(file!.FileName);
        var apply = preview == false;
        if (apply)
        {
            ImportInventory.CheckSha256(name, content, sha256);
        }

        var job = await start.RunAsync(http.User, site, apply ? InventoryApplyJob.Name : InventoryPreviewJob.Name, inputName: name, inputContent: content,
            cancellationToken: cancellationToken);
        return await JobsApi.AcceptedAsync(site, job, db, cancellationToken);
    }

    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
