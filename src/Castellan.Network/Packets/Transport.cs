namespace Castellan.Network.Packets;

/// <summary>What carries a conversation: a layer-2 EtherType, or an IP protocol.</summary>
public enum Transport : byte
{
    Ethernet,
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
    OtherIp,
}

public static class TransportNames
{
    public static string ToWire(this Transport transport) => transport switch
    {
        Transport.Ethernet => "eth",
        Transport.Tcp => "tcp",
        Transport.Udp => "udp",
        Transport.Icmp => "icmp",
        Transport.Icmpv6 => "icmpv6",
        Transport.OtherIp => "ip",
    };
}
