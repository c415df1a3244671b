namespace Castellan.Network.Protocols;

/// <summary>NTP (RFC 5905) on UDP 123: 48-byte header, version 1–4; mode 3 is a client request, 4 a server answer.</summary>
internal static class NtpDecoder
{
    public static readonly ushort[] Ports = [123];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        onPort && payload.Length >= 48 && ((payload[0] >> 3) & 0x07) is >= 1 and <= 4;

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (payload.Length > 0)
        {
            context.Direction = (payload[0] & 0x07) switch
            {
                3 => MessageDirection.Request,
                4 or 5 => MessageDirection.Response,
                _ => MessageDirection.Unknown,
            };
        }
    }
}
