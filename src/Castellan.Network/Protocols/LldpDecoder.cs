namespace Castellan.Network.Protocols;

/// <summary>LLDP (IEEE 802.1AB, EtherType 0x88CC): TLVs of 7-bit type and 9-bit length; system name (5) and description (6) name the sender.</summary>
internal static class LldpDecoder
{
    public const ushort EtherType = 0x88CC;

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) => payload.Length >= 2 && (payload[0] >> 1) == 1;

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        string? name = null, description = null;
        for (var i = 0; i < 64 && payload.Length >= 2; i++)
        {
            var type = payload[0] >> 1;
            var length = Math.Min(((payload[0] & 1) << 8) | payload[1], payload.Length - 2);
            if (type == 0)
            {
                break;
            }

            if (type == 5)
            {
                name = DeviceIdentity.Ascii(payload.Slice(2, length));
            }
            else if (type == 6)
            {
                description = DeviceIdentity.Ascii(payload.Slice(2, length));
            }

            payload = payload[(2 + length)..];
        }

        if (name is not null || description is not null)
        {
            context.IdentityOf(Addressing.IpAddress16.None, context.SourceMac).Set("LLDP", name: name, product: description);
        }
    }
}
