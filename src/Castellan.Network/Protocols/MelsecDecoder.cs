using System.Buffers.Binary;

namespace Castellan.Network.Protocols;

/// <summary>
/// Mitsubishi MELSEC communication protocol (SLMP / MC protocol), binary 3E and 4E frames on TCP/UDP 5006–5007 (and
/// recognised by signature elsewhere): subheader, network, PC 0xFF, I/O 0x03FF, station, data length, then timer and
/// command/subcommand. Batch/random writes and remote run/stop/pause/reset are notable.
/// </summary>
internal static class MelsecDecoder
{
    public static readonly ushort[] Ports = [5006, 5007];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        return TryHeader(payload, out _, out _, out var exact) && (onPort || exact);
    }

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (!TryHeader(payload, out var body, out var request, out _))
        {
            context.Malformed = true;
            return;
        }

        context.Direction = request ? MessageDirection.Request : MessageDirection.Response;
        if (!request || body.Length < 6)
        {
            return;
        }

        // Body of a request: monitoring timer (2), command (2), subcommand (2).
        context.Add(BinaryPrimitives.ReadUInt16LittleEndian(body[2..]) switch
        {
            0x0401 or 0x0403 or 0x0406 or 0x0613 => Operation.MelsecRead,
            0x1401 or 0x1402 or 0x1406 or 0x1613 => Operation.MelsecWrite,
            0x1001 => Operation.MelsecRemoteRun,
            0x1002 => Operation.MelsecRemoteStop,
            0x1003 => Operation.MelsecRemotePause,
            0x1005 or 0x1006 => Operation.MelsecRemoteReset,
            0x0101 => Operation.MelsecReadCpuModel,
            _ => Operation.MelsecOther,
        });
    }

    /// <summary>3E: 50 00 | D0 00; 4E: 54 00 | D4 00 + serial (2) + 0000. Then network, PC (FF), I/O (FF 03), station, length.</summary>
    private static bool TryHeader(ReadOnlySpan<byte> payload, out ReadOnlySpan<byte> body, out bool request, out bool exact)
    {
        body = default;
        request = false;
        exact = false;
        if (payload.Length < 11 || payload[1] != 0x00 || payload[0] is not (0x50 or 0xD0 or 0x54 or 0xD4))
        {
            return false;
        }

        var fourE = payload[0] is 0x54 or 0xD4;
        if (fourE && (payload.Length < 15 || payload[4] != 0 || payload[5] != 0))
        {
            return false;
        }

        request = payload[0] is 0x50 or 0x54;
        var header = fourE ? payload[6..] : payload[2..];
        if (header.Length < 7 || header[1] != 0xFF || header[2] != 0xFF || header[3] != 0x03)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(header[5..]);
        if (length < 2 || length > 8192)
        {
            return false;
        }

        exact = length == header.Length - 7;
        body = header.Slice(7, Math.Min(length, header.Length - 7));
        return true;
    }
}
