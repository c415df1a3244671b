using System.Security.Claims;
using System.Text.Json;
using Castellan.Core.GapAnalysis;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Castellan.Web.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.GapAnalysis;

/// <summary>
/// /api/v1/gap: the gap analysis of the stored SoA against a target, as JSON, HTML or XLSX (the CLI's renderers).
/// GET /gap computes it in the request (a read of a few catalogs: it holds no lock and blocks nobody); POST
/// /gap/reports makes the same file as a job, as the page's downloads do.
/// </summary>
public static class GapApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var gap = api.MapGroup("").WithTags("Gap analysis");
        gap.MapGet("/gap", RunAsync).RequireAuthorization(Policies.OrganisationRead);
        gap.MapGet("/gap/targets", TargetsAsync).RequireAuthorization(Policies.OrganisationRead);
        gap.MapPost("/gap/reports", StartReportAsync).RequireAuthorization(Policies.OrganisationRead);
    }

    /// <summary>A report to make: the target (see /gap/targets), json (default), html or xlsx, and whether the ISMS is certified.</summary>
    public sealed record ReportRequest(string? Target, string? Format, bool? IsmsCertified);

    private static async Task<Ok<IReadOnlyList<ListGapTargets.Choice>>> TargetsAsync(CastellanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new ListGapTargets(db).RunAsync(cancellationToken));

    /// <summary>Downloads are attachments: the HTML report carries its own inline style, which must not run under this site's origin.</summary>
    private static async Task<FileContentHttpResult> RunAsync(string? target, string? format, bool? ismsCertified, CastellanDbContext db, WebOptions options,
        CancellationToken cancellationToken)
    {
        var kind = GapFiles.Format(format);
        var report = await StoredSoaGap.RunAsync(target, ismsCertified ?? false, db, options, null, cancellationToken);
        var file = GapFiles.Render(report, kind, options.Clock.GetUtcNow());
        return TypedResults.File(file.Content, file.ContentType, file.Name);
    }

    /// <summary>Starts a report job (the target and format are checked first: 400); 202 with the job, whose result is the file.</summary>
    private static async Task<Accepted<JobsApi.JobStatus>> StartReportAsync(ReportRequest request, ClaimsPrincipal user, StartJob start, CastellanDbContext db,
        CancellationToken cancellationToken)
    {
        var job = await StartAsync(user, request.Target, request.Format, request.IsmsCertified ?? false, start, db, cancellationToken);
        return await JobsApi.AcceptedAsync("", job, db, cancellationToken);
    }

    /// <summary>Checks the request and queues the report job (the page and the API).</summary>
    internal static async Task<long> StartAsync(ClaimsPrincipal user, string? target, string? format, bool ismsCertified, StartJob start, CastellanDbContext db,
        CancellationToken cancellationToken)
    {
        var kind = GapFiles.Format(format);
        var parsed = await StoredSoaGap.TargetAsync(target, db, cancellationToken);
        return await start.RunAsync(user, "", GapReportJob.Name,
            inputJson: JsonSerializer.Serialize(new GapReportJob.Request(parsed.ToString(), kind, ismsCertified), JsonSerializerOptions.Web),
            cancellationToken: cancellationToken);
    }
}
