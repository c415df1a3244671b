using Castellan.Core.Results;
using Castellan.Web.Assets;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Results;

/// <summary>/api/v1/sites/{site}/zones/{zone}/results: IEC 62443-3-3 results per zone, their recording, and evidence files.</summary>
public static class ResultsApi
{
    public static readonly string[] EvidenceExtensions = [".pdf", ".png", ".jpg", ".jpeg", ".txt", ".csv", ".xlsx", ".docx", ".json"];

    public static void Map(RouteGroupBuilder api)
    {
        var results = api.MapGroup("/sites/{site}/zones/{zone}/results").WithTags("Results");
        results.MapGet("/", ListAsync).RequireAuthorization(Policies.SiteRead);
        results.MapGet("/{requirement}", GetAsync).RequireAuthorization(Policies.SiteRead);
        results.MapPut("/{requirement}", RecordAsync).RequireAuthorization(Policies.SiteAssess);
        results.MapGet("/{requirement}/evidence", ListEvidenceAsync).RequireAuthorization(Policies.SiteRead);
        // The API's own antiforgery filter (ApiAntiforgery) guards cookie callers; tokens need none.
        results.MapPost("/{requirement}/evidence", UploadAsync).RequireAuthorization(Policies.SiteAssess).DisableAntiforgery();
        results.MapGet("/{requirement}/evidence/{key:long}", DownloadAsync).RequireAuthorization(Policies.SiteRead);
    }

    public sealed record ZoneResults(string Zone, string? Slt, string Sla, IReadOnlyList<ResultView> Requirements, int OtherResults);

    private static async Task<Ok<ZoneResults>> ListAsync(string site, string zone, ReadZoneResults read, CancellationToken cancellationToken)
    {
        var outcome = await read.RunAsync(site, zone, cancellationToken);
        return TypedResults.Ok(new ZoneResults(zone, outcome.Levels.Slt?.ToString(), outcome.Levels.Sla.ToString(), outcome.Requirements, outcome.OtherResults));
    }

    private static async Task<Ok<ShowResult.Outcome>> GetAsync(string site, string zone, string requirement, ShowResult show, CancellationToken cancellationToken) =>
        TypedResults.Ok(await show.RunAsync(site, zone, requirement, cancellationToken));

    private static async Task<Ok<ResultView>> RecordAsync(string site, string zone, string requirement, RecordResult.Input input, RecordResult record, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await record.RunAsync(site, zone, requirement, input, WebClaims.Actor(http.User), cancellationToken));

    private static async Task<Ok<IReadOnlyList<EvidenceView>>> ListEvidenceAsync(string site, string zone, string requirement, ShowResult show, CancellationToken cancellationToken) =>
        TypedResults.Ok((await show.RunAsync(site, zone, requirement, cancellationToken)).Evidence);

    private static async Task<Created<EvidenceView>> UploadAsync(string site, string zone, string requirement, IFormFile? file, UploadEvidence upload, HttpContext http, CancellationToken cancellationToken)
    {
        Uploads.Check(file, "file", Uploads.MaxEvidenceBytes, EvidenceExtensions);
        var stored = await upload.RunAsync(site, zone, requirement, file!.FileName, await AssetsApi.ReadAsync(file, cancellationToken), WebClaims.Actor(http.User), cancellationToken);
        return TypedResults.Created(DownloadPath(site, zone, requirement, stored.Key), stored);
    }

    /// <summary>Always an attachment, with nosniff: evidence is never rendered by the browser.</summary>
    private static async Task<FileContentHttpResult> DownloadAsync(string site, string zone, string requirement, long key, ReadEvidence read, HttpContext http, CancellationToken cancellationToken)
    {
        var file = await read.RunAsync(site, zone, requirement, key, cancellationToken);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    public static string DownloadPath(string site, string zone, string requirement, long key) =>
        $"/api/v1/sites/{Uri.EscapeDataString(site)}/zones/{Uri.EscapeDataString(zone)}/results/{Uri.EscapeDataString(requirement)}/evidence/{key}";
}
