using Castellan.Core.Assets;
using Castellan.Domain.Assets;
using Castellan.Domain.Zones;
using Castellan.Network.Discovery;
using Castellan.Network.Protocols;

namespace Castellan.Core.Discovery;

/// <summary>
/// A starting partition for a plant that has none (IEC 62443-3-2 ZCR 3.1 needs one before any risk work): one zone per
/// observed IPv4 /24 network, its Purdue level from the roles seen in it (controllers → 1, HMIs → 2, historians and
/// engineering stations → 3, office hosts → 4), safety-relevant zones left for a person to mark, and one conduit per
/// pair of zones that talked, carrying the channels observed. A draft: every zone and conduit says so and has no SL-T.
/// </summary>
public static class ProposeZones
{
    public static Workspace Run(DiscoveryResult discovery, IReadOnlyList<InventoryItem> devices, string organisation = "Discovered plant")
    {
        var groups = discovery.Devices.Where(d => d.Ip.IsIPv4 && d.Ip.IsPrivate)
            .GroupBy(d => d.Ip.IPv4 & 0xFFFFFF00u)
            .OrderBy(g => g.Key)
            .ToList();
        var zoneOf = new Dictionary<uint, string>();
        var zones = new List<Zone>();
        foreach (var group in groups)
        {
            var level = Level(group.Select(d => d.Role));
            var network = $"{group.Key >> 24}.{(group.Key >> 16) & 0xFF}.{(group.Key >> 8) & 0xFF}.0/24";
            var id = $"zone-{(group.Key >> 16) & 0xFF}-{(group.Key >> 8) & 0xFF}";
            zoneOf[group.Key] = id;
            zones.Add(new Zone
            {
                Id = id,
                Site = "site",
                Name = $"{Describe(level)} {network}",
                Purdue = level,
                Networks = [IpNetwork.TryParse(network, out var n) ? n : throw new InvalidOperationException(network)],
                Description = $"Proposed by passive discovery from {group.Count()} device(s) ({string.Join(", ", group.GroupBy(d => d.Role.ToWire()).Select(r => $"{r.Count()} {r.Key}"))}); review the boundary, mark safety zones, set the SL-T.",
            });
        }

        var conduits = discovery.Conversations
            .Where(c => c.Client.Ip.IsIPv4 && c.Server.Ip.IsIPv4 && zoneOf.ContainsKey(c.Client.Ip.IPv4 & 0xFFFFFF00u) && zoneOf.ContainsKey(c.Server.Ip.IPv4 & 0xFFFFFF00u))
            .Select(c => (From: zoneOf[c.Client.Ip.IPv4 & 0xFFFFFF00u], To: zoneOf[c.Server.Ip.IPv4 & 0xFFFFFF00u], Conversation: c))
            .Where(x => x.From != x.To)
            .GroupBy(x => string.CompareOrdinal(x.From, x.To) < 0 ? (x.From, x.To) : (x.To, x.From))
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Select(g => new Conduit
            {
                Id = $"{g.Key.Item1}-to-{g.Key.Item2}",
                Site = "site",
                Name = $"Observed traffic {g.Key.Item1} ↔ {g.Key.Item2}",
                From = g.Key.Item1,
                To = g.Key.Item2,
                Channels = [.. g.GroupBy(x => (x.Conversation.Protocol.ToWire(), x.Conversation.Server.Port, x.From == g.Key.Item1))
                    .OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Port)
                    .Select(c => new Channel(c.Key.Item1, c.Key.Port == 0 ? null : c.Key.Port, c.Key.Item3 ? "from-to" : "to-from"))],
                Description = $"Proposed from {g.Count()} observed conversation(s); allow only what is needed, then set the SL-T.",
            })
            .ToList();

        var draft = new Workspace
        {
            Organisation = organisation,
            Sites = [new Site { Id = "site", Name = "Discovered site", Description = "Proposed by castellan discover --propose-zones" }],
            Zones = zones,
            Conduits = conduits,
        };
        return MergeInventory.Run(draft, devices).Workspace;
    }

    private static PurdueLevel Level(IEnumerable<DeviceRole> roles)
    {
        var set = roles.ToHashSet();
        return set switch
        {
            _ when set.Overlaps([DeviceRole.Plc, DeviceRole.Rtu, DeviceRole.Ied, DeviceRole.FieldDevice]) => PurdueLevel.BasicControl,
            _ when set.Contains(DeviceRole.Hmi) => PurdueLevel.Supervisory,
            _ when set.Overlaps([DeviceRole.Historian, DeviceRole.EngineeringWorkstation]) => PurdueLevel.Operations,
            _ when set.Contains(DeviceRole.Workstation) => PurdueLevel.Business,
            _ => PurdueLevel.Operations,
        };
    }

    private static string Describe(PurdueLevel level) => level switch
    {
        PurdueLevel.Process => "Field",
        PurdueLevel.BasicControl => "Control",
        PurdueLevel.Supervisory => "Supervisory",
        PurdueLevel.Operations => "Operations",
        PurdueLevel.Dmz => "DMZ",
        PurdueLevel.Business => "Business",
        PurdueLevel.Enterprise => "Enterprise",
    };
}
