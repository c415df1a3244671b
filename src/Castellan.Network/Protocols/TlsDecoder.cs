using System.Buffers.Binary;

namespace Castellan.Network.Protocols;

/// <summary>
/// TLS (RFC 8446/5246) records: content type 20–23, version 3.x, sane length. Off-port only a handshake record
/// holding a ClientHello or ServerHello counts; the hello's direction tells client from server.
/// </summary>
internal static class TlsDecoder
{
    public static readonly ushort[] Ports = [443, 4843, 8443, 636, 993, 995, 465, 853, 5061, 3389];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        if (payload.Length < 6 || payload[0] is < 20 or > 23 || payload[1] != 3 || payload[2] > 4 || BinaryPrimitives.ReadUInt16BigEndian(payload[3..]) > 18432)
        {
            return false;
        }

        return onPort || (payload[0] == 22 && payload[5] is 1 or 2);
    }

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (payload.Length >= 6 && payload[0] == 22)
        {
            context.Direction = payload[5] switch
            {
                1 => MessageDirection.Request,
                2 => MessageDirection.Response,
                _ => MessageDirection.Unknown,
            };
        }
    }
}
