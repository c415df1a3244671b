using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Zones.Rules;

/// <summary>The achieved security level reaches the target on every FR (IEC 62443-3-3 clause 4; IEC 62443-3-2 ZCR 6.4).</summary>
public sealed class AchievedBelowTarget : IRule
{
    public string Id => "sla-below-slt";

    public string Clause => "IEC 62443-3-3 clause 4";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        foreach (var zone in context.Workspace.Zones)
        {
            var levels = context.Levels[zone.Id];
            if (levels.Gap is not { } gap || gap.Max == 0)
            {
                continue;
            }

            var frs = Enumerable.Range(1, SlVector.Count).Where(fr => gap[fr] > 0).ToList();
            var capped = levels.ComponentCap is { } cap && frs.Any(fr => cap[fr] < levels.Slt!.Value[fr]);
            yield return new Finding(Id, Severity.Warning, Clause, [$"zone:{zone.Id}"],
                $"Zone '{zone.Id}' achieves SL-A {levels.Sla} against SL-T {levels.Slt}: short on {string.Join(", ", frs.Select(fr => $"FR {fr} {SlVector.Abbreviations[fr - 1]} by {gap[fr]}"))}{(capped ? $" (limited by the SL-C of {string.Join(", ", levels.CapAssets.Take(3))})" : "")}.",
                "Meet the missing SRs/REs (see 'castellan crs'), or record compensating countermeasures in the zone's results.");
        }
    }
}
