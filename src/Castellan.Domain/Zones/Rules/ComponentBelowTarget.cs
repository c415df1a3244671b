using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Zones.Rules;

/// <summary>A component whose capability (SL-C) is below its zone's target needs a compensating countermeasure (IEC 62443-3-3 §4.3).</summary>
public sealed class ComponentBelowTarget : IRule
{
    public string Id => "component-slc-below-slt";

    public string Clause => "IEC 62443-3-3 clause 4.3";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        foreach (var asset in context.Workspace.Assets)
        {
            if (asset.Slc is not { } slc || asset.Compensation is not null || asset.Zone is null || context.Zones.GetValueOrDefault(asset.Zone)?.Slt is not { } slt)
            {
                continue;
            }

            var below = Enumerable.Range(1, SlVector.Count).Where(fr => slc[fr] < slt[fr]).ToList();
            if (below.Count > 0)
            {
                yield return new Finding(Id, Severity.Warning, Clause, [$"asset:{asset.Id}", $"zone:{asset.Zone}"],
                    $"Asset '{asset.Id}' ({asset.Describe()}) has SL-C {slc}, below zone '{asset.Zone}' SL-T {slt} on {string.Join(", ", below.Select(fr => $"FR {fr} {SlVector.Abbreviations[fr - 1]}"))}.",
                    "Record a compensating countermeasure for it (field compensation), replace it, or move it to a zone with a lower target.");
            }
        }
    }
}
