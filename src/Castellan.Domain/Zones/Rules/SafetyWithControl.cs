using Castellan.Domain.Assets;

namespace Castellan.Domain.Zones.Rules;

/// <summary>A safety instrumented system sits in its own zone, apart from basic process control (IEC 62443-3-2 ZCR 3.3).</summary>
public sealed class SafetyWithControl : IRule
{
    public string Id => "safety-with-control";

    public string Clause => "IEC 62443-3-2 ZCR 3.3";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        foreach (var zone in context.Workspace.Zones)
        {
            var assets = context.AssetsByZone[zone.Id].ToList();
            var safety = assets.Where(a => a.Type == AssetType.SafetyController).ToList();
            var control = assets.Where(a => a.Type.IsController() || a.Type is AssetType.Hmi or AssetType.ScadaServer).ToList();
            if ((safety.Count > 0 || zone.Safety) && control.Count > 0)
            {
                yield return new Finding(Id, Severity.Error, Clause, [$"zone:{zone.Id}", .. control.Take(5).Select(a => $"asset:{a.Id}")],
                    $"Zone '{zone.Id}' holds a safety instrumented system{(safety.Count > 0 ? $" ({string.Join(", ", safety.Take(3).Select(a => a.Id))})" : "")} and basic process control assets ({string.Join(", ", control.Take(3).Select(a => a.Id))}{(control.Count > 3 ? ", …" : "")}).",
                    "Put the safety system in a zone of its own, joined to process control by a conduit (IEC 61511-1 8.2.4 security assessment).");
            }
        }
    }
}
