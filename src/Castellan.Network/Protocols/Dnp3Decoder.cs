using System.Runtime.CompilerServices;
namespace Castellan.Network.Protocols;

/// <summary>
/// DNP3 (IEEE 1815) over TCP/UDP: link frames start 0x05 0x64 with a CRC over the 8-byte header, which makes the
/// signature strict enough to recognise DNP3 on any port. The DIR bit tells master from outstation; the application
/// function code of the first fragment gives the operation (select/operate/direct operate, restarts are notable).
/// </summary>
internal static class Dnp3Decoder
{
    public static readonly ushort[] Ports = [20000];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        payload.Length >= 10 && payload[0] == 0x05 && payload[1] == 0x64 && payload[2] >= 5 && HeaderCrcValid(payload);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        for (var frames = 0; payload.Length >= 10 && frames < 32; frames++)
        {
            if (payload[0] != 0x05 || payload[1] != 0x64 || payload[2] < 5)
            {
                context.Malformed = frames == 0;
                return;
            }

            var control = payload[3];
            context.Direction = (control & 0x80) != 0 ? MessageDirection.Request : MessageDirection.Response;
            var userLength = payload[2] - 5;
            var frameLength = 10 + userLength + (2 * ((userLength + 15) / 16));
            var primaryUserData = (control & 0x40) != 0 && (control & 0x0F) is 3 or 4;
            if (primaryUserData && userLength >= 3 && payload.Length >= 13 && (payload[10] & 0x40) != 0)
            {
                context.Add(OperationOf(payload[12]));
            }

            payload = payload[Math.Min(frameLength, payload.Length)..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Operation OperationOf(byte function) => function switch
    {
        1 => Operation.Dnp3Read,
        2 => Operation.Dnp3Write,
        3 => Operation.Dnp3Select,
        4 => Operation.Dnp3Operate,
        5 => Operation.Dnp3DirectOperate,
        6 => Operation.Dnp3DirectOperateNoAck,
        >= 7 and <= 12 => Operation.Dnp3Freeze,
        13 => Operation.Dnp3ColdRestart,
        14 => Operation.Dnp3WarmRestart,
        >= 15 and <= 19 => Operation.Dnp3InitializeApplication,
        20 => Operation.Dnp3EnableUnsolicited,
        21 => Operation.Dnp3DisableUnsolicited,
        22 => Operation.Dnp3AssignClass,
        23 or 24 => Operation.Dnp3TimeSync,
        >= 25 and <= 31 => Operation.Dnp3FileTransfer,
        32 or 33 or 0x83 => Operation.Dnp3Authentication,
        0x81 => Operation.Dnp3Response,
        0x82 => Operation.Dnp3UnsolicitedResponse,
        _ => Operation.Dnp3OtherFunction,
    };

    /// <summary>DNP3 link-layer CRC (polynomial 0x3D65, reflected 0xA6BC) of bytes 0–7, stored little-endian at 8–9.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HeaderCrcValid(ReadOnlySpan<byte> frame)
    {
        ushort crc = 0;
        for (var i = 0; i < 8; i++)
        {
            crc ^= frame[i];
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA6BC) : (ushort)(crc >> 1);
            }
        }

        crc = (ushort)~crc;
        return frame[8] == (crc & 0xFF) && frame[9] == (crc >> 8);
    }
}
