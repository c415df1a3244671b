using Castellan.Core.Assets;
using Castellan.Core.Discovery;
using Castellan.Domain.Assets;
using Castellan.Network.Discovery;

namespace Castellan.Cli.Discovery;

/// <summary>Devices found by passive discovery as inventory items, for `discover --workspace FILE --merge`.</summary>
internal static class DiscoveredAssets
{
    public static IReadOnlyList<InventoryItem> From(DiscoveryResult result) =>
        [.. result.Devices.Where(d => !d.Ip.IsNone && d.Ip.IsPrivate).Select(d => new InventoryItem(
            Id: null,
            Name: d.Identity?.Name is { Length: > 0 } name ? name : $"dev-{d.Ip.ToString().Replace('.', '-').Replace(':', '-')}",
            Type: Type(d.Role),
            Vendor: d.Identity?.Vendor,
            Model: d.Identity?.Product ?? d.Identity?.OrderNumber,
            Firmware: d.Identity?.Firmware,
            Ips: [CheckConformance.Convert(d.Ip)],
            Macs: d.Mac.IsNone ? [] : [d.Mac.ToString().ToLowerInvariant()],
            Zone: null,
            Notes: $"seen by passive discovery as {d.Role.ToWire()}: {string.Join("; ", d.Evidence.Take(2))}"))];

    private static AssetType? Type(DeviceRole role) => role switch
    {
        DeviceRole.Plc => AssetType.Plc,
        DeviceRole.Rtu => AssetType.Rtu,
        DeviceRole.Ied => AssetType.Ied,
        DeviceRole.FieldDevice => AssetType.Other,
        DeviceRole.EngineeringWorkstation => AssetType.EngineeringWorkstation,
        DeviceRole.Hmi => AssetType.Hmi,
        DeviceRole.Historian => AssetType.Historian,
        DeviceRole.Server => AssetType.Server,
        DeviceRole.NetworkDevice => AssetType.Switch,
        DeviceRole.Workstation => AssetType.Workstation,
        DeviceRole.Unknown => null,
    };
}
