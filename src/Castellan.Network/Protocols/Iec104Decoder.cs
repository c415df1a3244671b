using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// IEC 60870-5-104 on TCP 2404: APDUs start 0x68 + length, with I-, S- or U-format control fields. The ASDU type id
/// of I-frames gives the operation: commands and set-points (types 45–64), reset process, clock synchronisation and
/// file transfer are notable; the controlling station sends activations (COT 6/8).
/// </summary>
internal static class Iec104Decoder
{
    public static readonly ushort[] Ports = [2404];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        var units = 0;
        while (payload.Length >= 6)
        {
            if (payload[0] != 0x68 || payload[1] < 4 || !ValidControl(payload))
            {
                return false;
            }

            units++;
            if (2 + payload[1] > payload.Length)
            {
                return onPort;
            }

            payload = payload[(2 + payload[1])..];
        }

        return units > 0 && payload.Length == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        for (var units = 0; payload.Length >= 6 && units < 64; units++)
        {
            if (payload[0] != 0x68 || payload[1] < 4)
            {
                context.Malformed = units == 0;
                return;
            }

            var apdu = payload[..Math.Min(2 + payload[1], payload.Length)];
            var control = apdu[2];
            if ((control & 0x01) == 0 && apdu.Length >= 10)
            {
                Asdu(apdu[6..], context);
            }
            else if ((control & 0x03) == 0x03)
            {
                context.Add(control switch
                {
                    0x07 or 0x0B => Operation.Iec104StartDataTransfer,
                    0x13 or 0x23 => Operation.Iec104StopDataTransfer,
                    _ => Operation.Iec104TestFrame,
                });
                context.Direction = control is 0x07 or 0x13 or 0x43 ? MessageDirection.Request : MessageDirection.Response;
            }

            payload = payload[apdu.Length..];
        }
    }

    private static bool ValidControl(ReadOnlySpan<byte> apdu)
    {
        var control = apdu[2];
        if ((control & 0x01) == 0)
        {
            return apdu[1] == 4 || (apdu.Length > 6 && apdu[6] is >= 1 and <= 127);
        }

        return (control & 0x03) == 0x01
            ? control == 0x01 && apdu[1] == 4
            : control is 0x07 or 0x0B or 0x13 or 0x23 or 0x43 or 0x83 && apdu[1] == 4;
    }

    /// <summary>ASDU: type id, variable structure qualifier, cause of transmission (2 octets in 104), common address.</summary>
    private static void Asdu(ReadOnlySpan<byte> asdu, DecodeContext context)
    {
        var type = asdu[0];
        var cause = asdu[2] & 0x3F;
        var operation = type switch
        {
            >= 1 and <= 44 or 70 => Operation.Iec104ProcessData,
            45 or 46 or 47 or 58 or 59 or 60 => Operation.Iec104Command,
            48 or 49 or 50 or 51 or 61 or 62 or 63 or 64 => Operation.Iec104Setpoint,
            100 => Operation.Iec104Interrogation,
            101 => Operation.Iec104CounterInterrogation,
            102 => Operation.Iec104ReadCommand,
            103 => Operation.Iec104ClockSync,
            104 or 106 or 107 => Operation.Iec104TestFrame,
            105 => Operation.Iec104ResetProcess,
            >= 110 and <= 113 => Operation.Iec104Parameter,
            >= 120 and <= 127 => Operation.Iec104FileTransfer,
            _ => (Operation?)null,
        };
        if (operation is null)
        {
            context.Malformed = true;
            return;
        }

        context.Add(operation.Value);
        context.Direction = type >= 45 && cause is 6 or 8 ? MessageDirection.Request : MessageDirection.Response;
    }
}
