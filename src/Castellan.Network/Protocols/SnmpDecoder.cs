namespace Castellan.Network.Protocols;

/// <summary>SNMP (RFC 3416) on UDP 161/162: a BER SEQUENCE opening with the version INTEGER (0, 1 or 3). Port-bound.</summary>
internal static class SnmpDecoder
{
    public static readonly ushort[] Ports = [161, 162];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        onPort && Ber.TryRead(payload, out _, out var constructed, out var tag, out var content, out _) && constructed && tag == 16
        && content.Length >= 3 && content[0] == 0x02 && content[1] == 0x01 && content[2] is 0 or 1 or 3;

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        // PDU tags: GetRequest A0, GetNext A1, Response A2, Set A3, Trap A4/A7, GetBulk A5, Inform A6, Report A8.
        if (!Ber.TryRead(payload, out _, out _, out _, out var message, out _)
            || !Ber.TryRead(message, out _, out _, out _, out _, out var afterVersion)
            || !Ber.TryRead(afterVersion, out _, out _, out _, out _, out var pdu) || pdu.Length == 0)
        {
            return;
        }

        context.Direction = pdu[0] is 0xA2 or 0xA4 or 0xA7 or 0xA8 ? MessageDirection.Response : MessageDirection.Request;
    }
}
