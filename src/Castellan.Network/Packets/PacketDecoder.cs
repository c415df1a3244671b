using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Castellan.Network.Addressing;

namespace Castellan.Network.Packets;

/// <summary>
/// Link layer (Ethernet with 802.1Q/QinQ tags, DLT_NULL/LOOP, Linux SLL/SLL2, raw IP), IPv4 (fragments recognised,
/// not reassembled), IPv6 (extension headers walked), TCP, UDP, ICMP. Every read is bounds-checked against the span.
/// </summary>
internal static class PacketDecoder
{
    public const ushort EtherTypeIPv4 = 0x0800;
    public const ushort EtherTypeIPv6 = 0x86DD;
    public const ushort EtherTypeArp = 0x0806;

    /// <summary>EtherType reported for IEEE 802.3 frames with an LLC header that is not SNAP (STP, …).</summary>
    public const ushort EtherTypeLlc = 0x0000;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DecodeStatus Decode(int linkType, ReadOnlySpan<byte> frame, out PacketView view)
    {
        view = default;
        switch (linkType)
        {
            case LinkTypes.Ethernet:
                return EthernetIPv4(frame, ref view) ? DecodeStatus.Ip : Ethernet(frame, ref view);
            case LinkTypes.Null:
                return Null(frame, ref view, bigEndian: false);
            case LinkTypes.Loop:
                return Null(frame, ref view, bigEndian: true);
            case LinkTypes.LinuxSll:
                if (frame.Length < 16)
                {
                    return DecodeStatus.Malformed;
                }

                if (BinaryPrimitives.ReadUInt16BigEndian(frame[4..]) == 6)
                {
                    view.SourceMac = MacAddress.Read(frame[6..]);
                }

                return ByEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), frame, 16, ref view);
            case LinkTypes.LinuxSll2:
                if (frame.Length < 20)
                {
                    return DecodeStatus.Malformed;
                }

                if (frame[11] == 6)
                {
                    view.SourceMac = MacAddress.Read(frame[12..]);
                }

                return ByEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame), frame, 20, ref view);
            case LinkTypes.Raw or LinkTypes.RawOpenBsd or LinkTypes.RawBsdOs:
                return frame.Length == 0 ? DecodeStatus.Malformed : (frame[0] >> 4) switch
                {
                    4 => IPv4(frame, 0, ref view),
                    6 => IPv6(frame, 0, ref view),
                    _ => DecodeStatus.Malformed,
                };
            case LinkTypes.RawIPv4:
                return IPv4(frame, 0, ref view);
            case LinkTypes.RawIPv6:
                return IPv6(frame, 0, ref view);
            default:
                return DecodeStatus.UnsupportedLinkType;
        }
    }

    /// <summary>An Ethernet frame (LINKTYPE_ETHERNET): the straight pass inlined into the caller, the rest as <see cref="Decode"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DecodeStatus DecodeEthernet(ReadOnlySpan<byte> frame, out PacketView view)
    {
        view = default;
        return EthernetIPv4(frame, ref view) ? DecodeStatus.Ip : EthernetOther(frame, ref view);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DecodeStatus EthernetOther(ReadOnlySpan<byte> frame, ref PacketView view) => Ethernet(frame, ref view);

    /// <summary>
    /// The common case in one straight pass: untagged Ethernet, IPv4 without options or fragmentation, a whole TCP or
    /// UDP header. Fills the view exactly as the general path would; false (the view untouched) for anything else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EthernetIPv4(ReadOnlySpan<byte> frame, ref PacketView view)
    {
        const int Ip = 14, Segment = Ip + 20;
        if (frame.Length < Segment + 8 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherTypeIPv4 || frame[Ip] != 0x45
            || (BinaryPrimitives.ReadUInt16BigEndian(frame[(Ip + 6)..]) & 0x3FFF) != 0)
        {
            return false;
        }

        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(Ip + 2)..]);
        var end = Ip + (totalLength == 0 ? frame.Length - Ip : Math.Min(totalLength, frame.Length - Ip));
        var segmentLength = end - Segment;
        var protocol = frame[Ip + 9];
        int payloadOffset, payloadLength;
        if (protocol == 6)
        {
            var dataOffset = segmentLength >= 20 ? (frame[Segment + 12] >> 4) * 4 : 0;
            if (dataOffset < 20 || dataOffset > segmentLength)
            {
                return false;
            }

            payloadOffset = Segment + dataOffset;
            payloadLength = segmentLength - dataOffset;
            view.Transport = Transport.Tcp;
            view.TcpFlags = frame[Segment + 13];
        }
        else if (protocol == 17 && segmentLength >= 8)
        {
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(Segment + 4)..]);
            payloadOffset = Segment + 8;
            payloadLength = udpLength >= 8 ? Math.Min(udpLength - 8, segmentLength - 8) : segmentLength - 8;
            view.Transport = Transport.Udp;
        }
        else
        {
            return false;
        }

        view.DestinationMac = MacAddress.Read(frame);
        view.SourceMac = MacAddress.Read(frame[6..]);
        view.EtherType = EtherTypeIPv4;
        view.SourceIp = IpAddress16.FromIPv4(frame[(Ip + 12)..]);
        view.DestinationIp = IpAddress16.FromIPv4(frame[(Ip + 16)..]);
        view.IpProtocol = protocol;
        view.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(frame[Segment..]);
        view.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(frame[(Segment + 2)..]);
        view.PayloadOffset = payloadOffset;
        view.PayloadLength = payloadLength;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DecodeStatus Ethernet(ReadOnlySpan<byte> frame, ref PacketView view)
    {
        if (frame.Length < 14)
        {
            return DecodeStatus.Malformed;
        }

        view.DestinationMac = MacAddress.Read(frame);
        view.SourceMac = MacAddress.Read(frame[6..]);
        var type = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        var offset = 14;
        for (var tags = 0; type is 0x8100 or 0x88A8 or 0x9100 && tags < 4; tags++)
        {
            if (frame.Length < offset + 4)
            {
                return DecodeStatus.Malformed;
            }

            type = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += 4;
        }

        if (type <= 1500)
        {
            // IEEE 802.3 length field: LLC follows; SNAP (AA AA 03 + OUI) carries an EtherType.
            if (frame.Length >= offset + 8 && frame[offset] == 0xAA && frame[offset + 1] == 0xAA && frame[offset + 2] == 0x03)
            {
                type = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]);
                offset += 8;
            }
            else
            {
                type = EtherTypeLlc;
            }
        }

        return ByEtherType(type, frame, offset, ref view);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DecodeStatus Null(ReadOnlySpan<byte> frame, ref PacketView view, bool bigEndian)
    {
        if (frame.Length < 4)
        {
            return DecodeStatus.Malformed;
        }

        // DLT_NULL: the address family in the capturing host's byte order; either order is accepted.
        var family = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(frame) : BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (family > 0xFFFF)
        {
            family = BinaryPrimitives.ReverseEndianness(family);
        }

        return family switch
        {
            2 => IPv4(frame, 4, ref view),
            24 or 28 or 30 => IPv6(frame, 4, ref view),
            _ => DecodeStatus.Malformed,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DecodeStatus ByEtherType(ushort type, ReadOnlySpan<byte> frame, int offset, ref PacketView view)
    {
        view.EtherType = type;
        switch (type)
        {
            case EtherTypeIPv4:
                return IPv4(frame, offset, ref view);
            case EtherTypeIPv6:
                return IPv6(frame, offset, ref view);
            default:
                view.Transport = Transport.Ethernet;
                view.PayloadOffset = Math.Min(offset, frame.Length);
                view.PayloadLength = frame.Length - view.PayloadOffset;
                return DecodeStatus.Layer2;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DecodeStatus IPv4(ReadOnlySpan<byte> frame, int offset, ref PacketView view)
    {
        if (frame.Length < offset + 20 || (frame[offset] >> 4) != 4)
        {
            return DecodeStatus.Malformed;
        }

        var ip = frame[offset..];
        var headerLength = (ip[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (headerLength < 20 || headerLength > ip.Length || (totalLength != 0 && totalLength < headerLength))
        {
            return DecodeStatus.Malformed;
        }

        // Total length 0 happens with TCP segmentation offload: the captured length is then all there is.
        var end = offset + (totalLength == 0 ? ip.Length : Math.Min(totalLength, ip.Length));
        view.EtherType = EtherTypeIPv4;
        view.SourceIp = IpAddress16.FromIPv4(ip[12..]);
        view.DestinationIp = IpAddress16.FromIPv4(ip[16..]);
        view.IpProtocol = ip[9];
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        view.IsFragment = (fragment & 0x3FFF) != 0;
        view.IsLaterFragment = (fragment & 0x1FFF) != 0;
        return TransportLayer(frame[..end], offset + headerLength, ref view);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DecodeStatus IPv6(ReadOnlySpan<byte> frame, int offset, ref PacketView view)
    {
        if (frame.Length < offset + 40 || (frame[offset] >> 4) != 6)
        {
            return DecodeStatus.Malformed;
        }

        var ip = frame[offset..];
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var end = offset + (payloadLength == 0 ? ip.Length : Math.Min(40 + payloadLength, ip.Length));
        view.EtherType = EtherTypeIPv6;
        view.SourceIp = IpAddress16.FromIPv6(ip[8..]);
        view.DestinationIp = IpAddress16.FromIPv6(ip[24..]);
        var next = ip[6];
        var position = offset + 40;
        for (var headers = 0; headers < 8; headers++)
        {
            if (next is 0 or 43 or 60 or 135 or 139 or 140)
            {
                if (end < position + 8)
                {
                    return DecodeStatus.Malformed;
                }

                var length = (frame[position + 1] + 1) * 8;
                next = frame[position];
                position += length;
            }
            else if (next == 44)
            {
                if (end < position + 8)
                {
                    return DecodeStatus.Malformed;
                }

                var fragment = BinaryPrimitives.ReadUInt16BigEndian(frame[(position + 2)..]);
                view.IsFragment = true;
                view.IsLaterFragment = (fragment >> 3) != 0;
                next = frame[position];
                position += 8;
            }
            else if (next == 51)
            {
                if (end < position + 8)
                {
                    return DecodeStatus.Malformed;
                }

                var length = (frame[position + 1] + 2) * 4;
                next = frame[position];
                position += length;
            }
            else
            {
                break;
            }

            if (position > end)
            {
                return DecodeStatus.Malformed;
            }
        }

        view.IpProtocol = next;
        return TransportLayer(frame[..end], position, ref view);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DecodeStatus TransportLayer(ReadOnlySpan<byte> packet, int offset, ref PacketView view)
    {
        var protocol = view.IpProtocol;
        view.Transport = protocol switch
        {
            6 => Packets.Transport.Tcp,
            17 => Packets.Transport.Udp,
            1 => Packets.Transport.Icmp,
            58 => Packets.Transport.Icmpv6,
            _ => Packets.Transport.OtherIp,
        };
        if (view.IsLaterFragment)
        {
            view.Transport = Packets.Transport.OtherIp;
            return DecodeStatus.Ip;
        }

        var segment = packet[Math.Min(offset, packet.Length)..];
        switch (view.Transport)
        {
            case Packets.Transport.Tcp:
                if (segment.Length < 20)
                {
                    return Truncated(ref view);
                }

                var dataOffset = (segment[12] >> 4) * 4;
                if (dataOffset < 20 || dataOffset > segment.Length)
                {
                    return Truncated(ref view);
                }

                view.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
                view.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
                view.TcpFlags = segment[13];
                view.PayloadOffset = offset + dataOffset;
                view.PayloadLength = segment.Length - dataOffset;
                return DecodeStatus.Ip;
            case Packets.Transport.Udp:
                if (segment.Length < 8)
                {
                    return Truncated(ref view);
                }

                view.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
                view.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
                var udpLength = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
                view.PayloadOffset = offset + 8;
                view.PayloadLength = udpLength >= 8 ? Math.Min(udpLength - 8, segment.Length - 8) : segment.Length - 8;
                return DecodeStatus.Ip;
            default:
                return DecodeStatus.Ip;
        }
    }

    /// <summary>An IP packet whose transport header was cut short: still an IP packet between the two hosts.</summary>
    private static DecodeStatus Truncated(ref PacketView view)
    {
        view.Transport = Packets.Transport.OtherIp;
        return DecodeStatus.Ip;
    }
}
