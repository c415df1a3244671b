using Castellan.Core.Persistence;
using Castellan.Domain.Zones.Rules;
using Castellan.Web.Authorization;
using Castellan.Web.Zones;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Findings;

/// <summary>/api/v1/sites/{site}/findings: every rule's findings for the site (WorkspaceChecker), errors first, paged.</summary>
public static class FindingsApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/sites/{site}/findings", ListAsync).WithTags("Findings").RequireAuthorization(Policies.SiteRead);

    public sealed record FindingDocument(string Rule, string Severity, string Clause, IReadOnlyList<string> Objects, string Message, string Fix);

    public sealed record FindingsPage(IReadOnlyList<FindingDocument> Items, int Total, int Offset, int Size, IReadOnlyDictionary<string, int> BySeverity);

    /// <summary>
    /// Findings are computed, not stored: the page is cut from the site's check, which is computed once per change of
    /// the site (SiteChecks) — never per request.
    /// </summary>
    private static async Task<Ok<FindingsPage>> ListAsync(string site, int? offset, int? size, string? rule, string? severity, CastellanDbContext db, SiteChecks checks, CancellationToken cancellationToken)
    {
        var check = await checks.GetAsync(db, site, allowStale: false, cancellationToken);
        var findings = check.Findings.Where(f => (rule is null || f.Rule == rule) && (severity is null || f.Severity.ToWire() == severity)).ToList();
        var skip = Math.Max(0, offset ?? 0);
        var take = Math.Clamp(size ?? 100, 1, 500);
        var counts = Enum.GetValues<Severity>().ToDictionary(s => s.ToWire(), s => findings.Count(f => f.Severity == s), StringComparer.Ordinal);
        return TypedResults.Ok(new FindingsPage([.. findings.Skip(skip).Take(take).Select(Of)], findings.Count, skip, take, counts));
    }

    public static FindingDocument Of(Finding finding) =>
        new(finding.Rule, finding.Severity.ToWire(), finding.Clause, finding.Objects, finding.Message, finding.Fix);
}
