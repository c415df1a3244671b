namespace Castellan.Domain.Zones.Rules;

/// <summary>An asset whose address lies in another zone's network is, in practice, in two zones (IEC 62443-3-2 ZCR 3.1).</summary>
public sealed class AssetInTwoZones : IRule
{
    public string Id => "asset-in-two-zones";

    public string Clause => "IEC 62443-3-2 ZCR 3.1";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        foreach (var asset in context.Workspace.Assets)
        {
            var zones = asset.Ips.SelectMany(context.Networks.ZonesOf).Append(asset.Zone).OfType<string>()
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (zones.Count > 1)
            {
                yield return new Finding(Id, Severity.Error, Clause, [$"asset:{asset.Id}", .. zones.Select(z => $"zone:{z}")],
                    $"Asset '{asset.Id}' is in zone '{asset.Zone ?? "(none)"}' but its address {string.Join(", ", asset.Ips)} lies in the network of {string.Join(", ", zones.Where(z => z != asset.Zone).Select(z => $"'{z}'"))}.",
                    "Move the asset into the zone its network belongs to, or correct the zone's network ranges.");
            }
        }
    }
}
