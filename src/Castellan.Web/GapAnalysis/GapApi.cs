using System.Text;
using Castellan.Core.Common;
using Castellan.Core.GapAnalysis;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.GapAnalysis;

/// <summary>/api/v1/gap: the gap analysis of the stored SoA against a target, as JSON, HTML or XLSX (the CLI's renderers).</summary>
public static class GapApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var gap = api.MapGroup("").WithTags("Gap analysis");
        gap.MapGet("/gap", RunAsync).RequireAuthorization(Policies.OrganisationRead);
        gap.MapGet("/gap/targets", TargetsAsync).RequireAuthorization(Policies.OrganisationRead);
    }

    private static async Task<Ok<IReadOnlyList<ListGapTargets.Choice>>> TargetsAsync(CastellanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new ListGapTargets(db).RunAsync(cancellationToken));

    /// <summary>Downloads are attachments: the HTML report carries its own inline style, which must not run under this site's origin.</summary>
    private static async Task<FileContentHttpResult> RunAsync(string? target, string? format, bool? ismsCertified, CastellanDbContext db, WebOptions options,
        CancellationToken cancellationToken)
    {
        var kind = (format ?? "json").ToLowerInvariant();
        if (kind is not ("json" or "html" or "xlsx"))
        {
            throw new InputException($"format: '{format}' is not json, html or xlsx");
        }

        var report = await StoredSoaGap.RunAsync(target, ismsCertified ?? false, db, options, cancellationToken);
        var name = "gap-" + report.Target.ToString().Replace('@', '-').ToLowerInvariant();
        using var buffer = new MemoryStream();
        switch (kind)
        {
            case "html":
                buffer.Write(Encoding.UTF8.GetBytes(GapHtml.Render([report], "stored SoA", options.Clock.GetUtcNow())));
                return TypedResults.File(buffer.ToArray(), "text/html; charset=utf-8", name + ".html");
            case "xlsx":
                GapXlsx.Write(buffer, [report]);
                return TypedResults.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
            default:
                GapJson.Write(buffer, [report]);
                return TypedResults.File(buffer.ToArray(), "application/json", name + ".json");
        }
    }
}
