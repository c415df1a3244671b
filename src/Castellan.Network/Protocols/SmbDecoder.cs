namespace Castellan.Network.Protocols;

/// <summary>SMB 1/2/3 over NetBIOS session service (TCP 445/139): 0x00 + 24-bit length, then \xFFSMB, \xFESMB or \xFDSMB; any port.</summary>
internal static class SmbDecoder
{
    public static readonly ushort[] Ports = [445, 139];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        payload.Length >= 8 && payload[0] == 0x00 && payload[4] is 0xFF or 0xFE or 0xFD && payload[5] == (byte)'S' && payload[6] == (byte)'M' && payload[7] == (byte)'B';

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        // SMB2 flags bit 0 (SERVER_TO_REDIR) marks an answer.
        if (payload.Length >= 24 && payload[4] == 0xFE)
        {
            context.Direction = (payload[20] & 0x01) != 0 ? MessageDirection.Response : MessageDirection.Request;
        }
    }
}
