using Castellan.Domain.Assets;

namespace Castellan.Domain.Zones.Rules;

/// <summary>Wireless devices are in zones of their own (IEC 62443-3-2 ZCR 3.5).</summary>
public sealed class WirelessNotSeparated : IRule
{
    public string Id => "wireless-not-separated";

    public string Clause => "IEC 62443-3-2 ZCR 3.5";

    public IEnumerable<Finding> Evaluate(CheckContext context) =>
        Mixed(context, a => a.Wireless || a.Type == AssetType.WirelessAccessPoint).Select(m => new Finding(Id, Severity.Warning, Clause,
            [$"zone:{m.Zone}", .. m.Flagged.Take(5).Select(a => $"asset:{a.Id}")],
            $"Zone '{m.Zone}' holds wireless devices ({string.Join(", ", m.Flagged.Take(3).Select(a => a.Id))}) together with wired control assets.",
            "Put wireless devices in a zone of their own, joined by a conduit (a wireless zone per SSID or radio network)."));

    /// <summary>Zones where assets matching <paramref name="flag"/> sit beside IACS assets that do not.</summary>
    internal static IEnumerable<(string Zone, List<Asset> Flagged)> Mixed(CheckContext context, Func<Asset, bool> flag)
    {
        foreach (var zone in context.Workspace.Zones)
        {
            var assets = context.AssetsByZone[zone.Id].ToList();
            var flagged = assets.Where(flag).ToList();
            if (flagged.Count > 0 && assets.Any(a => !flag(a) && a.Type.Category() is AssetCategory.Iacs or AssetCategory.Safety))
            {
                yield return (zone.Id, flagged);
            }
        }
    }
}
