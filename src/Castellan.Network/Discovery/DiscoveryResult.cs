using Castellan.Network.Addressing;
using Castellan.Network.Packets;
using Castellan.Network.Protocols;

namespace Castellan.Network.Discovery;

/// <summary>
/// What passive discovery found: devices, conversations and how much was read. This is the seam for the conformance
/// step (zones and conduits): it consumes devices and conversations and produces findings.
/// </summary>
public sealed record DiscoveryResult(IReadOnlyList<DiscoveredDevice> Devices, IReadOnlyList<Conversation> Conversations, DiscoveryStats Stats);

public enum DeviceRole
{
    Plc,
    Rtu,
    Ied,
    FieldDevice,
    EngineeringWorkstation,
    Hmi,
    Historian,
    Server,
    NetworkDevice,
    Workstation,
    Unknown,
}

public static class DeviceRoleNames
{
    public static string ToWire(this DeviceRole role) => role switch
    {
        DeviceRole.Plc => "plc",
        DeviceRole.Rtu => "rtu",
        DeviceRole.Ied => "ied",
        DeviceRole.FieldDevice => "field-device",
        DeviceRole.EngineeringWorkstation => "engineering-workstation",
        DeviceRole.Hmi => "hmi",
        DeviceRole.Historian => "historian",
        DeviceRole.Server => "server",
        DeviceRole.NetworkDevice => "network-device",
        DeviceRole.Workstation => "workstation",
        DeviceRole.Unknown => "unknown",
    };
}

/// <summary>How a conversation's protocol was decided.</summary>
public enum Identification
{
    /// <summary>The payload matched the protocol's signature (or Zeek's analyzer said so).</summary>
    Payload,

    /// <summary>Only the server port suggests it.</summary>
    Port,

    None,
}

/// <summary>A device: an IP address (with the MAC it used, when one is unambiguous), or a MAC alone for layer-2-only traffic.</summary>
public sealed record DiscoveredDevice(
    IpAddress16 Ip,
    MacAddress Mac,
    DeviceRole Role,
    IReadOnlyList<string> Evidence,
    DeviceIdentity? Identity,
    IReadOnlyList<ProtocolId> Serves,
    IReadOnlyList<ProtocolId> Uses,
    long Packets,
    long Bytes,
    long FirstSeenNs,
    long LastSeenNs);

public sealed record Endpoint(IpAddress16 Ip, MacAddress Mac, ushort Port);

/// <summary>
/// Who talked to whom: the client (originator) and server, transport, protocol, totals in wire bytes (frame
/// lengths, as tshark counts them) and the operations seen. Layer-2 conversations carry MACs and the EtherType.
/// </summary>
public sealed record Conversation(
    Endpoint Client,
    Endpoint Server,
    Transport Transport,
    ushort EtherType,
    byte IpProtocol,
    ProtocolId Protocol,
    Identification IdentifiedBy,
    long ClientPackets,
    long ServerPackets,
    long ClientBytes,
    long ServerBytes,
    long FirstSeenNs,
    long LastSeenNs,
    IReadOnlyList<Operation> Operations)
{
    public long Packets => ClientPackets + ServerPackets;

    public long Bytes => ClientBytes + ServerBytes;
}

public sealed record DiscoveryStats(long Packets, long Bytes, long Skipped, long Malformed, long Fragments, long Untracked, IReadOnlyList<InputStats> Inputs);

/// <summary>What one input contributed; <see cref="Error"/> is set when the input was refused (the others still count).</summary>
public sealed class InputStats(string path, string format)
{
    public string Path { get; } = path;

    /// <summary>pcap, pcapng, zeek or unknown.</summary>
    public string Format { get; set; } = format;

    public long Packets { get; set; }

    public long Bytes { get; set; }

    /// <summary>Damaged records/blocks/lines stepped over, and packets of a link type not decoded.</summary>
    public long Skipped { get; set; }

    /// <summary>Zeek log rows read.</summary>
    public long Rows { get; set; }

    public SortedSet<int> LinkTypes { get; } = [];

    public string? Error { get; set; }

    public List<string> Warnings { get; } = [];
}
