using Castellan.Network.Addressing;
using Castellan.Network.Packets;
using Castellan.Network.Protocols;

namespace Castellan.Network.Discovery;

/// <summary>
/// Devices from conversations: every unicast endpoint, what it serves and what it uses, its MAC when unambiguous,
/// what it said about itself, and a role inferred from that with the evidence written out (docs: the rules below).
/// </summary>
internal static class DeviceBuilder
{
    /// <summary>Operations only engineering software performs: program transfer, run/stop, restarts, addressing.</summary>
    private static readonly HashSet<Operation> EngineeringOperations =
    [
        Operation.S7RequestDownload, Operation.S7DownloadBlock, Operation.S7DownloadEnded, Operation.S7StartUpload, Operation.S7Upload,
        Operation.S7EndUpload, Operation.S7PlcControl, Operation.S7CpuStop, Operation.S7Security, Operation.AdsWriteControl,
        Operation.MelsecRemoteRun, Operation.MelsecRemoteStop, Operation.MelsecRemotePause, Operation.MelsecRemoteReset,
        Operation.CipReset, Operation.CipStart, Operation.CipStop, Operation.MmsDomainTransfer, Operation.MmsProgramControl,
        Operation.Dnp3ColdRestart, Operation.Dnp3WarmRestart, Operation.Dnp3InitializeApplication, Operation.Dnp3FileTransfer,
        Operation.Iec104ResetProcess, Operation.Iec104FileTransfer, Operation.ProfinetDcpSet, Operation.BacnetReinitializeDevice,
        Operation.BacnetDeviceCommunicationControl, Operation.BacnetAtomicWriteFile, Operation.Dnp3Write,
    ];

    /// <summary>Server ports of databases and process historians (MSSQL, PostgreSQL, MySQL, Oracle, OSIsoft PI).</summary>
    private static readonly HashSet<ushort> HistorianPorts = [1433, 5432, 3306, 1521, 5450, 5457, 5459];

    public static List<DiscoveredDevice> Build(IReadOnlyList<Conversation> conversations, DecodeContext context)
    {
        // Plain loops and few distinct generic types here: this runs once per run over a few hundred items, so what it
        // costs is mostly compiling it — each LINQ operator or collection over a struct of ours is code the JIT compiles
        // at start-up (on the bench capture the LINQ version took 42 ms the first time and 1.5 ms the second; the loops
        // took about 10 ms off every discover run).
        var byIp = new Dictionary<IpAddress16, Accumulator>();
        var byMac = new Dictionary<MacAddress, Accumulator>();
        foreach (var c in conversations)
        {
            if (c.Transport != Transport.Ethernet)
            {
                Endpoint(byIp, c.Client.Ip, c, asClient: true)?.AddMac(c.Client.Mac);
                Endpoint(byIp, c.Server.Ip, c, asClient: false)?.AddMac(c.Server.Mac);
            }
        }

        // A MAC seen with several IP addresses is a router's (or a proxy's): it names none of them.
        var macOwners = new Dictionary<MacAddress, Accumulator>();
        foreach (var device in byIp.Values)
        {
            foreach (var mac in device.Macs)
            {
                macOwners[mac] = macOwners.TryGetValue(mac, out var owner) && owner != device ? Accumulator.Shared : device;
            }
        }

        var ipByMac = new Dictionary<MacAddress, Accumulator>();
        foreach (var device in byIp.Values)
        {
            foreach (var mac in device.Macs)
            {
                if (macOwners[mac] == device)
                {
                    device.Mac = mac;
                    ipByMac.Add(mac, device);
                    break;
                }
            }
        }

        foreach (var c in conversations)
        {
            if (c.Transport != Transport.Ethernet || c.Protocol is not (ProtocolId.Goose or ProtocolId.SampledValues or ProtocolId.Profinet or ProtocolId.Lldp))
            {
                continue;
            }

            foreach (var (endpoint, asClient) in new[] { (c.Client, true), (c.Server, false) })
            {
                var mac = endpoint.Mac;
                if (mac.IsNone || mac.IsGroup)
                {
                    continue;
                }

                if (!ipByMac.TryGetValue(mac, out var device) && !byMac.TryGetValue(mac, out device))
                {
                    byMac[mac] = device = new Accumulator(IpAddress16.None) { Mac = mac };
                }

                device.Add(c, asClient);
            }
        }

        foreach (var (ip, identity) in context.IdentitiesByIp)
        {
            if (byIp.TryGetValue(ip, out var device))
            {
                device.MergeIdentity(identity);
            }
        }

        foreach (var (mac, identity) in context.IdentitiesByMac)
        {
            if (ipByMac.TryGetValue(mac, out var device) || byMac.TryGetValue(mac, out device))
            {
                device.MergeIdentity(identity);
            }
        }

        var byAddress = new List<Accumulator>(byIp.Values);
        byAddress.Sort((a, b) => a.Ip.CompareTo(b.Ip));
        var layer2 = new List<Accumulator>(byMac.Values);
        layer2.Sort((a, b) => a.Mac.CompareTo(b.Mac));
        var devices = new List<DiscoveredDevice>(byAddress.Count + layer2.Count);
        foreach (var device in byAddress)
        {
            devices.Add(Finish(device));
        }

        foreach (var device in layer2)
        {
            devices.Add(Finish(device));
        }

        return devices;
    }

    private static Accumulator? Endpoint(Dictionary<IpAddress16, Accumulator> devices, IpAddress16 ip, Conversation c, bool asClient)
    {
        if (ip.IsGroupOrUnspecified)
        {
            return null;
        }

        if (!devices.TryGetValue(ip, out var device))
        {
            devices[ip] = device = new Accumulator(ip);
        }

        device.Add(c, asClient);
        return device;
    }

    private static DiscoveredDevice Finish(Accumulator d)
    {
        var evidence = new List<string>();
        var role = DeviceRole.Unknown;
        var ruled = false;
        void Rule(DeviceRole candidate, string text)
        {
            // The first role in DeviceRole's order wins (PLC before RTU before … before workstation); the evidence lists every rule.
            role = ruled && role < candidate ? role : candidate;
            ruled = true;
            evidence.Add(text);
        }

        var served = InOrder(d.Served);
        foreach (var protocol in served)
        {
            var text = $"serves {protocol.DisplayName()} to {d.Served[protocol].Count} peer(s)";
            switch (protocol)
            {
                case ProtocolId.Modbus or ProtocolId.S7Comm or ProtocolId.S7CommPlus or ProtocolId.EtherNetIp or ProtocolId.Ads or ProtocolId.Melsec or ProtocolId.Bacnet:
                    Rule(DeviceRole.Plc, text);
                    break;
                case ProtocolId.Dnp3 or ProtocolId.Iec104:
                    Rule(DeviceRole.Rtu, text + (protocol == ProtocolId.Dnp3 ? " (outstation)" : " (controlled station)"));
                    break;
                case ProtocolId.Mms or ProtocolId.C37118:
                    Rule(DeviceRole.Ied, text);
                    break;
                case ProtocolId.Goose or ProtocolId.SampledValues:
                    Rule(DeviceRole.Ied, $"publishes {protocol.DisplayName()}");
                    break;
                case ProtocolId.Profinet:
                    Rule(DeviceRole.FieldDevice, text + " (context management)");
                    break;
                case ProtocolId.Lldp:
                    Rule(DeviceRole.NetworkDevice, "announces itself with LLDP");
                    break;
                case ProtocolId.OpcUa or ProtocolId.Dns or ProtocolId.Dhcp or ProtocolId.Ntp or ProtocolId.Http or ProtocolId.Tls or ProtocolId.Ssh
                    or ProtocolId.Rdp or ProtocolId.Smb or ProtocolId.Snmp:
                    Rule(DeviceRole.Server, text);
                    break;
                default:
                    break;
            }
        }

        if (d.Identity.Sources.Contains("PROFINET DCP"))
        {
            Rule(DeviceRole.FieldDevice, "answers PROFINET DCP as station " + (d.Identity.Name ?? "(unnamed)"));
        }

        var engineering = new List<string>();
        var writes = false;
        foreach (var operation in d.ClientOperations)
        {
            if (EngineeringOperations.Contains(operation))
            {
                engineering.Add(operation.Describe());
            }

            writes |= operation.Kind() is OperationKind.Write or OperationKind.Control;
        }

        if (engineering.Count > 0)
        {
            Rule(DeviceRole.EngineeringWorkstation, "sends engineering operations: " + string.Join(", ", engineering));
        }

        var used = InOrder(d.Used);
        var industrialUse = new List<string>();
        var onlyPhasors = true;
        foreach (var protocol in used)
        {
            if (protocol.IsIndustrial() && protocol is not (ProtocolId.CipIo or ProtocolId.Goose or ProtocolId.SampledValues))
            {
                industrialUse.Add($"{protocol.DisplayName()} client of {d.Used[protocol].Count} device(s)");
                onlyPhasors &= protocol == ProtocolId.C37118;
            }
        }

        if (industrialUse.Count > 0)
        {
            var text = string.Join(", ", industrialUse);
            var database = new List<string>();
            foreach (var port in d.ServedPorts)
            {
                if (HistorianPorts.Contains(port))
                {
                    database.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            if (onlyPhasors && industrialUse.Count == 1)
            {
                Rule(DeviceRole.Historian, text + " (phasor data concentrator)");
            }
            else if (!writes && database.Count > 0)
            {
                Rule(DeviceRole.Historian, text + $", reads only, and serves database port(s) {string.Join(", ", database)}");
            }
            else
            {
                Rule(DeviceRole.Hmi, text + (writes ? ", with writes/commands" : ", reads"));
            }
        }

        if (d.Identity.Sources.Count > 0)
        {
            evidence.Add("identity from " + string.Join(", ", d.Identity.Sources));
        }

        if (!ruled && used.Count > 0)
        {
            role = DeviceRole.Workstation;
            var names = new List<string>(used.Count);
            foreach (var protocol in used)
            {
                names.Add(protocol.DisplayName());
            }

            evidence.Add($"client of {string.Join(", ", names)}");
        }

        return new DiscoveredDevice(d.Ip, d.Mac, role, evidence, d.Identity.IsEmpty ? null : d.Identity, served, used, d.Packets, d.Bytes, d.FirstNs, d.LastNs);
    }

    /// <summary>The protocols <paramref name="table"/> holds, in ascending order (the ids are small numbers: no sort needed).</summary>
    private static List<ProtocolId> InOrder(Dictionary<ProtocolId, HashSet<(IpAddress16, MacAddress)>> table)
    {
        var max = -1;
        foreach (var protocol in table.Keys)
        {
            max = Math.Max(max, (int)protocol);
        }

        var ordered = new List<ProtocolId>(table.Count);
        for (var p = 0; p <= max; p++)
        {
            if (table.ContainsKey((ProtocolId)p))
            {
                ordered.Add((ProtocolId)p);
            }
        }

        return ordered;
    }

    /// <summary>
    /// One device being built. The collections are created on first use: most endpoints of a large input have one
    /// conversation and no MAC, identity or operations, and a device costs what it holds.
    /// </summary>
    private sealed class Accumulator(IpAddress16 ip)
    {
        /// <summary>Stands for "several devices" where a MAC's owner is looked up.</summary>
        public static readonly Accumulator Shared = new(IpAddress16.None);

        private static readonly SortedSet<MacAddress> NoMacs = [];
        private static readonly Dictionary<ProtocolId, HashSet<(IpAddress16, MacAddress)>> NoPeers = [];
        private static readonly HashSet<ushort> NoPorts = [];
        private static readonly HashSet<Operation> NoOperations = [];
        private static readonly DeviceIdentity NoIdentity = new();

        private SortedSet<MacAddress>? macs;
        private Dictionary<ProtocolId, HashSet<(IpAddress16, MacAddress)>>? served;
        private Dictionary<ProtocolId, HashSet<(IpAddress16, MacAddress)>>? used;
        private HashSet<ushort>? servedPorts;
        private HashSet<Operation>? clientOperations;
        private DeviceIdentity? identity;

        public IpAddress16 Ip { get; } = ip;

        public MacAddress Mac { get; set; }

        public SortedSet<MacAddress> Macs => macs ?? NoMacs;

        public Dictionary<ProtocolId, HashSet<(IpAddress16, MacAddress)>> Served => served ?? NoPeers;

        public Dictionary<ProtocolId, HashSet<(IpAddress16, MacAddress)>> Used => used ?? NoPeers;

        public HashSet<ushort> ServedPorts => servedPorts ?? NoPorts;

        public HashSet<Operation> ClientOperations => clientOperations ?? NoOperations;

        /// <summary>What the device said about itself (read-only: an empty one when nothing was said).</summary>
        public DeviceIdentity Identity => identity ?? NoIdentity;

        public long Packets { get; private set; }

        public long Bytes { get; private set; }

        public long FirstNs { get; private set; } = long.MaxValue;

        public long LastNs { get; private set; } = long.MinValue;

        public void MergeIdentity(DeviceIdentity other) => (identity ??= new()).MergeFrom(other);

        public void AddMac(MacAddress mac)
        {
            if (!mac.IsNone && !mac.IsGroup)
            {
                (macs ??= []).Add(mac);
            }
        }

        public void Add(Conversation c, bool asClient)
        {
            Packets += c.Packets;
            Bytes += c.Bytes;
            FirstNs = Math.Min(FirstNs, c.FirstSeenNs);
            LastNs = Math.Max(LastNs, c.LastSeenNs);
            var peer = asClient ? c.Server : c.Client;
            if (c.Protocol == ProtocolId.Unknown || c.Protocol == ProtocolId.Arp)
            {
                if (!asClient && c.Transport == Transport.Tcp && c.ServerPackets > 0)
                {
                    (servedPorts ??= []).Add(c.Server.Port);
                }

                return;
            }

            // Layer 2: whoever sends GOOSE, sampled values or LLDP publishes them; PROFINET peers are told apart by DCP answers.
            bool serving;
            if (c.Transport == Transport.Ethernet)
            {
                if (asClient ? c.ClientPackets == 0 : c.ServerPackets == 0)
                {
                    return;
                }

                serving = c.Protocol is not ProtocolId.Profinet;
            }
            else
            {
                serving = !asClient && c.ServerPackets > 0 && c.Protocol != ProtocolId.CipIo;
            }

            var table = serving ? (served ??= []) : (used ??= []);
            if (!table.TryGetValue(c.Protocol, out var peers))
            {
                table[c.Protocol] = peers = [];
            }

            peers.Add((peer.Ip, peer.Mac));
            if (serving && c.Transport == Transport.Tcp)
            {
                (servedPorts ??= []).Add(c.Server.Port);
            }

            if (asClient && c.Operations.Count > 0)
            {
                clientOperations ??= [];
                foreach (var operation in c.Operations)
                {
                    clientOperations.Add(operation);
                }
            }
        }
    }
}
