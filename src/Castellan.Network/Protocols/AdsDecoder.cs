using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// Beckhoff ADS/AMS on TCP 48898: AMS/TCP header (reserved 0, length) then the 32-byte AMS header (target and
/// source AMS NetId and port, command, state flags, data length, error, invoke id). Write control (run/stop) and
/// writes are notable; a ReadDeviceInfo answer gives the runtime name and version.
/// </summary>
internal static class AdsDecoder
{
    public static readonly ushort[] Ports = [48898];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        if (payload.Length < 38 || payload[0] != 0 || payload[1] != 0)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(payload[2..]);
        var command = BinaryPrimitives.ReadUInt16LittleEndian(payload[22..]);
        var dataLength = BinaryPrimitives.ReadUInt32LittleEndian(payload[26..]);
        return command is >= 1 and <= 9 && length >= 32 && dataLength == length - 32 && (onPort || length + 6 == payload.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        for (var units = 0; payload.Length >= 38 && units < 16; units++)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(payload[2..]);
            if (payload[0] != 0 || payload[1] != 0 || length < 32)
            {
                context.Malformed = units == 0;
                return;
            }

            var command = BinaryPrimitives.ReadUInt16LittleEndian(payload[22..]);
            var response = (BinaryPrimitives.ReadUInt16LittleEndian(payload[24..]) & 0x0001) != 0;
            context.Direction = response ? MessageDirection.Response : MessageDirection.Request;
            context.Add(command switch
            {
                1 => Operation.AdsReadDeviceInfo,
                2 => Operation.AdsRead,
                3 => Operation.AdsWrite,
                4 => Operation.AdsReadState,
                5 => Operation.AdsWriteControl,
                6 or 7 => Operation.AdsNotificationSetup,
                8 => Operation.AdsNotification,
                _ => Operation.AdsReadWrite,
            });
            var data = payload[38..];
            if (command == 1 && response && data.Length >= 24 && BinaryPrimitives.ReadUInt32LittleEndian(data) == 0)
            {
                // Result, major, minor, build (2), device name (16).
                context.SenderIdentity().Set("ADS read device info", vendor: "Beckhoff", product: DeviceIdentity.Ascii(data.Slice(8, 16)),
                    firmware: $"{data[4]}.{data[5]}.{BinaryPrimitives.ReadUInt16LittleEndian(data[6..])}");
            }

            payload = payload[(int)Math.Min(6 + length, (uint)payload.Length)..];
        }
    }
}
