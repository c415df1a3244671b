namespace Castellan.Network.Protocols;

/// <summary>SSH (RFC 4253): the identification string "SSH-2.0-" / "SSH-1.99-" opens both directions; any port.</summary>
internal static class SshDecoder
{
    public static readonly ushort[] Ports = [22];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) => payload.StartsWith("SSH-1."u8) || payload.StartsWith("SSH-2.0-"u8);

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
    }
}
