using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Zones.Rules;

/// <summary>A conduit protects the traffic of the zones it joins: its SL-T is not below theirs (IEC 62443-3-2 ZCR 5.6).</summary>
public sealed class ConduitBelowZone : IRule
{
    public string Id => "conduit-slt-below-zone";

    public string Clause => "IEC 62443-3-2 ZCR 5.6";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        foreach (var conduit in context.Workspace.Conduits)
        {
            if (conduit.Slt is not { } slt)
            {
                continue;
            }

            foreach (var zoneId in conduit.Zones)
            {
                if (context.Zones.GetValueOrDefault(zoneId)?.Slt is not { } zoneSlt)
                {
                    continue;
                }

                var below = Enumerable.Range(1, SlVector.Count).Where(fr => slt[fr] < zoneSlt[fr]).ToList();
                if (below.Count > 0)
                {
                    yield return new Finding(Id, Severity.Warning, Clause, [$"conduit:{conduit.Id}", $"zone:{zoneId}"],
                        $"Conduit '{conduit.Id}' (SL-T {slt}) is below zone '{zoneId}' (SL-T {zoneSlt}) for {string.Join(", ", below.Select(fr => $"FR {fr} {SlVector.Abbreviations[fr - 1]}"))}: traffic into the zone would be less protected than the zone itself.",
                        $"Raise the conduit's SL-T to at least {zoneSlt} on those FRs, or record why a lower level is acceptable in the zone's rationale.");
                }
            }
        }
    }
}
