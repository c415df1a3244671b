using System.Buffers.Binary;

namespace Castellan.Network.Protocols;

/// <summary>
/// DHCP (RFC 2131) on UDP 67/68: BOOTP header with the magic cookie 0x63825363 at offset 236 (strict enough for any
/// port). Client messages give the host name (option 12) and vendor class (option 60) by client MAC.
/// </summary>
internal static class DhcpDecoder
{
    public static readonly ushort[] Ports = [67, 68];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        payload.Length >= 240 && payload[0] is 1 or 2 && BinaryPrimitives.ReadUInt32BigEndian(payload[236..]) == 0x63825363;

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (!Matches(payload, true))
        {
            return;
        }

        context.Direction = payload[0] == 1 ? MessageDirection.Request : MessageDirection.Response;
        if (payload[0] != 1 || payload[1] != 1 || payload[2] != 6)
        {
            return;
        }

        string? host = null, vendorClass = null;
        var options = payload[240..];
        for (var i = 0; i < 64 && options.Length >= 1 && options[0] != 0xFF; i++)
        {
            if (options[0] == 0)
            {
                options = options[1..];
                continue;
            }

            if (options.Length < 2)
            {
                break;
            }

            var length = Math.Min(options[1], options.Length - 2);
            if (options[0] == 12)
            {
                host = DeviceIdentity.Ascii(options.Slice(2, length));
            }
            else if (options[0] == 60)
            {
                vendorClass = DeviceIdentity.Ascii(options.Slice(2, length));
            }

            options = options[(2 + length)..];
        }

        if (host is not null || vendorClass is not null)
        {
            var mac = Addressing.MacAddress.Read(payload[28..]);
            var ip = context.SourceIp.IsGroupOrUnspecified ? Addressing.IpAddress16.None : context.SourceIp;
            context.IdentityOf(ip, mac).Set("DHCP request", name: host, product: vendorClass);
        }
    }
}
