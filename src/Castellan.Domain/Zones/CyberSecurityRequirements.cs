using Castellan.Domain.Advisories;
using Castellan.Domain.Assets;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Risk;
using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Zones;

/// <summary>One IEC 62443-3-3 SR or RE the zone's SL-T requires, with what the workspace records for it.</summary>
public sealed record CrsRequirement(Requirement Requirement, int Fr, RequirementResult? Result);

/// <summary>
/// The cybersecurity requirements specification of a zone (IEC 62443-3-2 ZCR 6): its characteristics (ZCR 6.4) —
/// boundary, accountable organisation, safety designation, assets, conduits, essential functions, SL-T with its method —
/// and the IEC 62443-3-3 requirements its SL-T calls for, FR by FR, with their recorded results.
/// </summary>
public sealed record CyberSecurityRequirements(
    Zone Zone,
    Site? Site,
    ZoneLevels Levels,
    IReadOnlyList<Asset> Assets,
    IReadOnlyList<Conduit> Conduits,
    IReadOnlyList<CrsRequirement> Requirements)
{
    /// <summary>ZCR 6 with the risk inputs: the threat scenarios of the zone's detailed assessment (ZCR 5), rated.</summary>
    public IReadOnlyList<RiskRow> Risks { get; init; } = [];

    /// <summary>ZCR 5.2: the open vulnerabilities of the zone's assets from the advisories; null when none were assessed.</summary>
    public IReadOnlyList<VulnerabilityInput>? Vulnerabilities { get; init; }

    /// <summary>The band names of the register's matrix, to print a rating ("high"); empty without a register.</summary>
    public IReadOnlyList<string> Bands { get; init; } = [];

    public static CyberSecurityRequirements Build(Workspace workspace, Zone zone, ZoneLevels levels, Catalog systemRequirements)
    {
        var results = workspace.Results.Where(r => r.Scope == "zone:" + zone.Id).GroupBy(r => r.Requirement, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var byFr = AchievedLevels.ByFoundationalRequirement(systemRequirements);
        var required = new List<CrsRequirement>();
        for (var fr = 1; fr <= SlVector.Count; fr++)
        {
            var target = zone.Slt?[fr] ?? 0;
            required.AddRange((byFr[fr - 1] ?? []).Where(r => target > 0 && r.Levels.Contains(target))
                .Select(r => new CrsRequirement(r, fr, results.GetValueOrDefault(r.Id))));
        }

        var risks = workspace.Risk is { } register
            ? RiskRating.Rows(register).Where(r => r.Scenario.Scope == "zone:" + zone.Id).ToList()
            : [];
        return new CyberSecurityRequirements(
            zone,
            workspace.Sites.FirstOrDefault(s => s.Id == zone.Site),
            levels,
            [.. workspace.Assets.Where(a => a.Zone == zone.Id).OrderBy(a => a.Id, NaturalIdComparer.Instance)],
            [.. workspace.Conduits.Where(c => c.From == zone.Id || c.To == zone.Id).OrderBy(c => c.Id, StringComparer.Ordinal)],
            required)
        {
            Risks = risks,
            Bands = workspace.Risk?.Matrix.Bands ?? [],
        };
    }
}
