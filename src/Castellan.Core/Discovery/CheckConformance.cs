using Castellan.Domain.Assets;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;
using Castellan.Network.Addressing;
using Castellan.Network.Discovery;
using Castellan.Network.Protocols;

namespace Castellan.Core.Discovery;

/// <summary>
/// Holds what passive discovery saw against the declared zones and conduits: every IP conversation is inside a zone,
/// through a declared conduit with an allowed channel, or a violation (cross-zone with no conduit, a protocol the
/// conduit does not carry, an OT device talking to the internet); devices seen but not in the inventory, and inventory
/// devices never seen. Findings have the shape of `castellan check`'s.
/// </summary>
public static class CheckConformance
{
    public static IReadOnlyList<Finding> Run(Workspace workspace, DiscoveryResult discovery)
    {
        var context = new Lookup(workspace);
        var findings = new List<Finding>();
        var reported = new HashSet<(string, string, string)>();
        foreach (var conversation in discovery.Conversations.Where(c => !c.Client.Ip.IsNone && !c.Server.Ip.IsNone))
        {
            var client = context.Place(conversation.Client.Ip);
            var server = context.Place(conversation.Server.Ip);
            var flow = $"flow:{conversation.Client.Ip}->{conversation.Server.Ip}:{conversation.Server.Port}";
            var what = $"{conversation.Protocol.ToWire()}{(conversation.Server.Port == 0 ? "" : $"/{conversation.Server.Port}")}";
            if (client.Zone is null || server.Zone is null)
            {
                var (inside, outside) = client.Zone is null ? (server, conversation.Client.Ip) : (client, conversation.Server.Ip);
                if (inside.Zone is { } zone && !outside.IsPrivate && !outside.IsGroupOrUnspecified && context.Zones[zone].Purdue <= PurdueLevel.Operations
                    && reported.Add(("internet", zone, outside.ToString())))
                {
                    findings.Add(new Finding("ot-device-to-internet", Severity.Error, "IEC 62443-3-2 ZCR 3.6; IEC 62443-3-3 SR 5.1", [flow, $"zone:{zone}"],
                        $"{inside.Label} in zone '{zone}' (Purdue {context.Zones[zone].Purdue.ToWire()}) talks {what} with {outside}, an address outside every declared network (the internet?).",
                        "Block the traffic at the zone boundary, or route it through the DMZ and declare the conduit."));
                }

                continue;
            }

            if (client.Zone == server.Zone)
            {
                continue;
            }

            var conduits = workspace.Conduits.Where(c => c.Joins(client.Zone, server.Zone)).ToList();
            if (conduits.Count == 0)
            {
                if (reported.Add(("no-conduit", client.Zone, server.Zone)))
                {
                    findings.Add(new Finding("discovered-flow-without-conduit", Severity.Error, "IEC 62443-3-2 ZCR 3.1", [flow, $"zone:{client.Zone}", $"zone:{server.Zone}"],
                        $"Observed {what} from {client.Label} (zone '{client.Zone}') to {server.Label} (zone '{server.Zone}'): no conduit joins the two zones.",
                        $"Declare a conduit between '{client.Zone}' and '{server.Zone}' with this channel, or block the traffic."));
                }

                continue;
            }

            if (!conduits.Any(c => Allows(c, conversation)) && reported.Add(("channel", string.Join(",", conduits.Select(c => c.Id)), what)))
            {
                findings.Add(new Finding("protocol-not-allowed", Severity.Error, "IEC 62443-3-3 SR 5.2", [flow, .. conduits.Select(c => $"conduit:{c.Id}")],
                    $"Observed {what} from {client.Label} to {server.Label} through conduit {string.Join(", ", conduits.Select(c => $"'{c.Id}'"))}, which does not carry it (its channels: {string.Join(", ", conduits.SelectMany(c => c.Channels).Select(ch => $"{ch.Protocol}{(ch.Port is { } p ? $"/{p}" : "")}").DefaultIfEmpty("none"))}).",
                    "Deny the traffic at the conduit (deny by default, allow by exception), or add the channel to the conduit if it is needed."));
            }
        }

        var seen = discovery.Devices.Where(d => !d.Ip.IsNone).Select(d => Convert(d.Ip)).ToHashSet();
        foreach (var device in discovery.Devices.Where(d => !d.Ip.IsNone && d.Ip.IsPrivate && context.AssetOf(Convert(d.Ip)) is null))
        {
            var zone = context.Networks.ZonesOf(Convert(device.Ip)).FirstOrDefault();
            findings.Add(new Finding("device-not-in-inventory", Severity.Warning, "IEC 62443-2-1 CM 1.1; IEC 62443-3-3 SR 7.8", [$"device:{device.Ip}", .. zone is null ? Array.Empty<string>() : [$"zone:{zone}"]],
                $"Device {device.Ip}{(device.Mac.IsNone ? "" : $" ({device.Mac})")}, seen as {device.Role.ToWire()}{(device.Identity?.Vendor is { } v ? $" by {v} {device.Identity.Product}" : "")}, is not in the inventory.",
                "Add it to the workspace (castellan discover … --workspace FILE --merge), or find out why it is on the network."));
        }

        foreach (var asset in workspace.Assets.Where(a => a.Ips.Count > 0 && !a.Ips.Any(seen.Contains)))
        {
            findings.Add(new Finding("asset-not-seen", Severity.Info, "IEC 62443-2-1 CM 1.1", [$"asset:{asset.Id}"],
                $"Asset '{asset.Id}' ({string.Join(", ", asset.Ips)}) was not seen in the traffic.",
                "Nothing to do if the capture did not cover its network; otherwise check whether it still exists."));
        }

        return [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => string.Join(" ", f.Objects), StringComparer.Ordinal)];
    }

    /// <summary>A conduit carries a conversation when one of its channels names its server port, or its protocol.</summary>
    private static bool Allows(Conduit conduit, Conversation conversation) =>
        conduit.Channels.Count == 0 || conduit.Channels.Any(ch =>
            (ch.Port is { } port && port == conversation.Server.Port) ||
            (ch.Port is null && Normalise(ch.Protocol) == Normalise(conversation.Protocol.ToWire())));

    private static string Normalise(string protocol) =>
        protocol.ToLowerInvariant().Replace("-tcp", "", StringComparison.Ordinal).Replace("/tcp", "", StringComparison.Ordinal).Replace("-udp", "", StringComparison.Ordinal);

    public static IpAddress Convert(IpAddress16 ip) => new(new UInt128(ip.High, ip.Low), ip.IsIPv4);

    private sealed class Lookup(Workspace workspace)
    {
        private readonly Dictionary<IpAddress, Asset> _assets = workspace.Assets.SelectMany(a => a.Ips.Select(ip => (ip, a)))
            .GroupBy(x => x.ip).ToDictionary(g => g.Key, g => g.First().a);

        public Dictionary<string, Zone> Zones { get; } = workspace.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);

        public NetworkIndex Networks { get; } = new(workspace.Zones);

        public Asset? AssetOf(IpAddress ip) => _assets.GetValueOrDefault(ip);

        public (string? Zone, string Label) Place(IpAddress16 address)
        {
            var ip = Convert(address);
            if (AssetOf(ip) is { } asset)
            {
                return (asset.Zone, $"{asset.Id} ({ip})");
            }

            return (Networks.ZonesOf(ip).FirstOrDefault(), ip.ToString());
        }
    }
}
