using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// IEEE C37.118 synchrophasor frames on TCP 4712 / UDP 4713: SYNC (0xAA, frame type, version), FRAMESIZE, IDCODE,
/// SOC, FRACSEC … CHK (CRC-CCITT). The CRC makes the signature strict off-port. Command frames (turn data on/off,
/// send configuration) are control; configuration frames name the station.
/// </summary>
internal static class C37118Decoder
{
    public static readonly ushort[] Ports = [4712, 4713];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        if (payload.Length < 16 || payload[0] != 0xAA || ((payload[1] >> 4) & 0x07) > 5 || (payload[1] & 0x0F) is 0 or > 3)
        {
            return false;
        }

        var size = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        if (size < 16 || size > payload.Length)
        {
            return onPort && size >= 16;
        }

        return onPort || CrcValid(payload[..size]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        for (var frames = 0; payload.Length >= 16 && frames < 32 && payload[0] == 0xAA; frames++)
        {
            var size = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
            if (size < 16)
            {
                context.Malformed = true;
                return;
            }

            var type = (payload[1] >> 4) & 0x07;
            context.Direction = type == 4 ? MessageDirection.Request : MessageDirection.Response;
            context.Add(type switch
            {
                0 => Operation.SynchrophasorData,
                1 => Operation.SynchrophasorHeader,
                4 => Operation.SynchrophasorCommand,
                _ => Operation.SynchrophasorConfiguration,
            });

            // Configuration: ... TIME_BASE (4), NUM_PMU (2), then STN (16 characters) at offset 20.
            if (type is 2 or 3 && payload.Length >= 36)
            {
                context.SenderIdentity().Set("C37.118 configuration", name: DeviceIdentity.Ascii(payload.Slice(20, 16)));
            }

            payload = payload[Math.Min(size, payload.Length)..];
        }
    }

    /// <summary>CRC-CCITT (polynomial 0x1021, initial 0xFFFF) over the frame without its last two bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool CrcValid(ReadOnlySpan<byte> frame)
    {
        ushort crc = 0xFFFF;
        foreach (var b in frame[..^2])
        {
            crc ^= (ushort)(b << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }
        }

        return crc == BinaryPrimitives.ReadUInt16BigEndian(frame[^2..]);
    }
}
