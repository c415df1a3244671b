namespace Castellan.Network.Protocols;

/// <summary>HTTP/1.x: a request line with a known method, or a status line "HTTP/1.". Recognised on any port.</summary>
internal static class HttpDecoder
{
    public static readonly ushort[] Ports = [80, 8080, 8000, 8008, 8888];

    private static readonly byte[][] Methods = [.. new[] { "GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE " }.Select(m => System.Text.Encoding.ASCII.GetBytes(m))];
    private static readonly byte[] Status = "HTTP/1."u8.ToArray();

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) => Direction(payload) != MessageDirection.Unknown;

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context) => context.Direction = Direction(payload);

    private static MessageDirection Direction(ReadOnlySpan<byte> payload)
    {
        if (payload.StartsWith(Status))
        {
            return MessageDirection.Response;
        }

        foreach (var method in Methods)
        {
            if (payload.StartsWith(method) && payload.Length > method.Length && payload[method.Length] is (byte)'/' or (byte)'h' or (byte)'*' or (byte)'H')
            {
                return MessageDirection.Request;
            }
        }

        return MessageDirection.Unknown;
    }
}
