using Castellan.Domain.Catalogs;
using Castellan.Domain.Zones;

namespace Castellan.Domain.SecurityLevels;

/// <summary>A zone's target and achieved security levels per FR, and the gap SL-T − SL-A (never below 0).</summary>
public sealed record ZoneLevels(string Zone, SlVector? Slt, SlVector Sla, SlVector? ComponentCap, IReadOnlyList<string> CapAssets)
{
    public SlVector? Gap => Slt is { } t ? new SlVector([.. Enumerable.Range(1, SlVector.Count).Select(fr => Math.Max(0, t[fr] - Sla[fr]))]) : null;
}

/// <summary>
/// SL-A per FR is computed, never typed (IEC 62443-3-3 Annex B / §4): the highest SL n for which every SR and RE of that
/// FR required at n has a satisfying result in the zone (met, met by compensating countermeasure, or not applicable) —
/// and not above the lowest SL-C of the zone's components for that FR, unless the component has a recorded
/// compensating countermeasure.
/// </summary>
public static class AchievedLevels
{
    public static ZoneLevels Compute(Zone zone, IReadOnlyDictionary<string, ResultStatus> results, Catalog systemRequirements,
        IEnumerable<Assets.Asset> zoneAssets, IReadOnlyList<Requirement>?[] requirementsByFr)
    {
        var levels = new int[SlVector.Count];
        for (var fr = 1; fr <= SlVector.Count; fr++)
        {
            var requirements = requirementsByFr[fr - 1] ?? [];
            var achieved = 0;
            for (var level = 1; level <= 4; level++)
            {
                if (!requirements.Where(r => r.Levels.Contains(level)).All(r => results.TryGetValue(r.Id, out var s) && s.Satisfies()))
                {
                    break;
                }

                achieved = level;
            }

            levels[fr - 1] = achieved;
        }

        var sla = new SlVector(levels);
        SlVector? cap = null;
        var capAssets = new List<string>();
        foreach (var asset in zoneAssets)
        {
            if (asset.Slc is { } slc && asset.Compensation is null)
            {
                cap = cap is { } c ? c.Min(slc) : slc;
                capAssets.Add(asset.Id);
            }
        }

        return new ZoneLevels(zone.Id, zone.Slt, cap is { } limit ? sla.Min(limit) : sla, cap, capAssets);
    }

    /// <summary>The assessable SRs and REs of IEC 62443-3-3 grouped by FR 1–7 (index 0 = FR 1).</summary>
    public static IReadOnlyList<Requirement>?[] ByFoundationalRequirement(Catalog systemRequirements)
    {
        var result = new IReadOnlyList<Requirement>?[SlVector.Count];
        for (var fr = 1; fr <= SlVector.Count; fr++)
        {
            var frId = $"FR {fr}";
            result[fr - 1] = [.. systemRequirements.Requirements.Where(r => r.Assessable && Root(systemRequirements, r) == frId)];
        }

        return result;
    }

    private static string Root(Catalog catalog, Requirement requirement)
    {
        var node = requirement;
        while (node.ParentId is not null && catalog.Find(node.ParentId) is { } parent)
        {
            node = parent;
        }

        return node.Id;
    }
}
