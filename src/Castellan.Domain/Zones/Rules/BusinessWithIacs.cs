using Castellan.Domain.Assets;

namespace Castellan.Domain.Zones.Rules;

/// <summary>Business IT and IACS assets are in separate zones (IEC 62443-3-2 ZCR 3.2).</summary>
public sealed class BusinessWithIacs : IRule
{
    public string Id => "business-with-iacs";

    public string Clause => "IEC 62443-3-2 ZCR 3.2";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        foreach (var zone in context.Workspace.Zones)
        {
            var assets = context.AssetsByZone[zone.Id].ToList();
            var business = assets.Where(a => a.Type.Category() == AssetCategory.Business).ToList();
            var iacs = assets.Where(a => a.Type.Category() is AssetCategory.Iacs or AssetCategory.Safety && a.Type != AssetType.Other).ToList();
            if (business.Count > 0 && iacs.Count > 0)
            {
                yield return new Finding(Id, Severity.Error, Clause, [$"zone:{zone.Id}", .. business.Take(5).Select(a => $"asset:{a.Id}")],
                    $"Zone '{zone.Id}' mixes business IT ({string.Join(", ", business.Take(3).Select(a => $"{a.Id} {a.Type.ToWire()}"))}) with IACS assets ({string.Join(", ", iacs.Take(3).Select(a => a.Id))}).",
                    "Move the business assets to an enterprise zone, or re-type them if they serve the control system (e.g. engineering-workstation).");
            }
        }
    }
}
