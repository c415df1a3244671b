using System.Buffers.Binary;

namespace Castellan.Network.Protocols;

/// <summary>DNS (RFC 1035) on 53, mDNS 5353, LLMNR 5355; over TCP with the 2-byte length prefix. Port-bound: the header is too weak a signature alone.</summary>
internal static class DnsDecoder
{
    public static readonly ushort[] Ports = [53, 5353, 5355];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        if (!onPort)
        {
            return false;
        }

        if (payload.Length >= 14 && BinaryPrimitives.ReadUInt16BigEndian(payload) == payload.Length - 2)
        {
            payload = payload[2..];
        }

        return payload.Length >= 12 && ((payload[2] >> 3) & 0x0F) <= 6 && BinaryPrimitives.ReadUInt16BigEndian(payload[4..]) <= 64;
    }

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (payload.Length >= 12)
        {
            context.Direction = (payload[2] & 0x80) != 0 ? MessageDirection.Response : MessageDirection.Request;
        }
    }
}
