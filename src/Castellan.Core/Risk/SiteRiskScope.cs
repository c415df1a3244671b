using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Risk;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Risk;

/// <summary>
/// The part of the organisation's register one site covers: scenarios scoped to the site's zones and conduits,
/// assessments of the site's systems (or holding such scenarios), derivations of the site's zones.
/// </summary>
internal sealed record SiteRiskScope(string Site, IReadOnlyList<Zone> Zones, IReadOnlySet<string> Conduits, IReadOnlySet<string> Systems)
{
    public static async Task<SiteRiskScope> LoadAsync(CastellanDbContext db, string site, CancellationToken cancellationToken)
    {
        var rows = await db.WorkspaceObjects.AsNoTracking()
            .Where(o => o.Site == site && (o.Kind == "site" || o.Kind == "zone" || o.Kind == "conduit"))
            .OrderBy(o => o.Position).Select(o => new { o.Kind, o.Id, o.Json }).ToListAsync(cancellationToken);
        var siteRow = rows.FirstOrDefault(r => r.Kind == "site") ?? throw new UsageException($"no site '{site}'");
        return new SiteRiskScope(site,
            [.. rows.Where(r => r.Kind == "zone").Select(r => WorkspaceJson.Deserialize<Zone>(r.Json))],
            rows.Where(r => r.Kind == "conduit").Select(r => r.Id).ToHashSet(StringComparer.Ordinal),
            WorkspaceJson.Deserialize<Site>(siteRow.Json).Systems.Select(s => s.Id).ToHashSet(StringComparer.Ordinal));
    }

    public bool Covers(ThreatScenario scenario) =>
        scenario.Scope.StartsWith("zone:", StringComparison.Ordinal) ? Zones.Any(z => z.Id == scenario.Scope[5..])
            : scenario.Scope.StartsWith("conduit:", StringComparison.Ordinal) && Conduits.Contains(scenario.Scope[8..]);

    public bool Covers(RiskAssessment assessment) =>
        (assessment.System is { } system && Systems.Contains(system)) || assessment.Scenarios.Any(Covers);

    /// <summary>The register narrowed to this site (the matrix is the organisation's).</summary>
    public RiskRegister Narrow(RiskRegister register) => register with
    {
        Assessments = [.. register.Assessments.Where(Covers).Select(a => a with { Scenarios = [.. a.Scenarios.Where(Covers)] })],
        Derivations = [.. register.Derivations.Where(d => Zones.Any(z => z.Id == d.Zone))],
    };

    public RiskAssessment Assessment(RiskRegister register, string id) =>
        register.Assessments.FirstOrDefault(a => a.Id == id && Covers(a))
            ?? throw new UsageException($"no risk assessment '{id}' on site '{Site}'");
}
