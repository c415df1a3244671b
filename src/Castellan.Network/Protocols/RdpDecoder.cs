namespace Castellan.Network.Protocols;

/// <summary>
/// RDP (MS-RDPBCGR) on TCP 3389: TPKT/COTP connection request/confirm; off-port only a request carrying the
/// "Cookie: mstshash=" or an RDP negotiation request counts.
/// </summary>
internal static class RdpDecoder
{
    public static readonly ushort[] Ports = [3389];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        if (!Tpkt.TryRead(payload, out var type, out var header, out var userData, out _))
        {
            return false;
        }

        if (onPort)
        {
            return type is Tpkt.ConnectionRequest or Tpkt.ConnectionConfirm;
        }

        return type == Tpkt.ConnectionRequest && header.Length >= 6
            && (userData.StartsWith("Cookie: mstshash="u8) || (userData.Length >= 8 && userData[^8] == 0x01 && userData[^6] == 0x08));
    }

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (Tpkt.TryRead(payload, out var type, out _, out _, out _))
        {
            context.Direction = type switch
            {
                Tpkt.ConnectionRequest => MessageDirection.Request,
                Tpkt.ConnectionConfirm => MessageDirection.Response,
                _ => MessageDirection.Unknown,
            };
        }
    }
}
