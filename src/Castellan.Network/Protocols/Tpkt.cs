using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>TPKT (RFC 1006) + COTP (ISO 8073) framing, shared by S7comm, S7comm-plus, MMS and RDP on TCP.</summary>
internal static class Tpkt
{
    public const byte ConnectionRequest = 0xE0;
    public const byte ConnectionConfirm = 0xD0;
    public const byte Data = 0xF0;

    /// <summary>
    /// Reads one TPKT + COTP unit at the start of <paramref name="payload"/>. <paramref name="userData"/> is what
    /// follows the COTP header, cut to the TPKT length; <paramref name="next"/> what follows the TPKT unit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(ReadOnlySpan<byte> payload, out byte pduType, out ReadOnlySpan<byte> cotpHeader, out ReadOnlySpan<byte> userData, out ReadOnlySpan<byte> next)
    {
        pduType = 0;
        cotpHeader = userData = next = default;
        if (payload.Length < 7 || payload[0] != 0x03 || payload[1] != 0x00)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        var headerLength = payload[4];
        if (length < 7 || headerLength < 2 || 5 + headerLength > Math.Min(length, payload.Length))
        {
            return false;
        }

        pduType = (byte)(payload[5] & 0xF0);
        if (pduType is not (ConnectionRequest or ConnectionConfirm or Data or 0x80 or 0xC0 or 0x70 or 0x50 or 0x60 or 0x10 or 0x20))
        {
            return false;
        }

        var unit = payload[..Math.Min(length, payload.Length)];
        cotpHeader = unit.Slice(5, headerLength);
        userData = unit[(5 + headerLength)..];
        next = payload[unit.Length..];
        return true;
    }

    /// <summary>The user data of the first COTP data unit (DT), or false.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> payload, out ReadOnlySpan<byte> userData)
    {
        userData = default;
        return TryRead(payload, out var type, out _, out userData, out _) && type == Data && userData.Length > 0;
    }
}
