using Castellan.Network.Addressing;

namespace Castellan.Network.Packets;

internal enum DecodeStatus : byte
{
    /// <summary>An IP packet (the transport fields are set when the transport header was there).</summary>
    Ip,

    /// <summary>A layer-2 frame that carries no IP (ARP, LLDP, GOOSE, PROFINET …): see EtherType.</summary>
    Layer2,

    /// <summary>A header was cut short or contradicts itself; counted, not decoded further.</summary>
    Malformed,

    UnsupportedLinkType,
}

/// <summary>The fields of one decoded packet: offsets into the frame rather than copies, so decoding allocates nothing.</summary>
internal struct PacketView
{
    public MacAddress SourceMac;
    public MacAddress DestinationMac;
    public ushort EtherType;
    public IpAddress16 SourceIp;
    public IpAddress16 DestinationIp;
    public byte IpProtocol;
    public bool IsFragment;

    /// <summary>A fragment after the first: no transport header in it.</summary>
    public bool IsLaterFragment;

    public Transport Transport;
    public ushort SourcePort;
    public ushort DestinationPort;
    public byte TcpFlags;

    /// <summary>Where the transport payload (or, for layer 2, the EtherType payload) starts and how long it is.</summary>
    public int PayloadOffset;
    public int PayloadLength;
}
