using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// Siemens S7comm (protocol id 0x32) over TPKT/COTP on TCP 102. Job and Ack-Data function codes become operations
/// (write, download, upload, PLC control and CPU stop are notable); user data read-SZL answers give identity:
/// SZL 0x0011 the order number and firmware, SZL 0x001C the station, module name and serial number.
/// </summary>
internal static class S7CommDecoder
{
    public static readonly ushort[] Ports = [102];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) =>
        Tpkt.TryReadData(payload, out var data) && data.Length >= 10 && data[0] == 0x32 && data[1] is 1 or 2 or 3 or 7;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        for (var units = 0; units < 16 && Tpkt.TryRead(payload, out var type, out _, out var data, out var next); units++)
        {
            if (type == Tpkt.Data && data.Length > 0)
            {
                Message(data, context);
            }

            payload = next;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Message(ReadOnlySpan<byte> s7, DecodeContext context)
    {
        if (s7[0] != 0x32)
        {
            return;
        }

        if (s7.Length < 10)
        {
            context.Malformed = true;
            return;
        }

        var rosctr = s7[1];
        var headerLength = rosctr is 2 or 3 ? 12 : 10;
        var parameterLength = BinaryPrimitives.ReadUInt16BigEndian(s7[6..]);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(s7[8..]);
        if (s7.Length < headerLength + parameterLength)
        {
            context.Malformed = true;
            return;
        }

        var parameters = s7.Slice(headerLength, parameterLength);
        var data = s7.Slice(headerLength + parameterLength, Math.Min(dataLength, s7.Length - headerLength - parameterLength));
        switch (rosctr)
        {
            case 1 or 3:
                context.Direction = rosctr == 1 ? MessageDirection.Request : MessageDirection.Response;
                if (parameters.Length > 0)
                {
                    context.Add(JobOperation(parameters[0]));
                }

                break;
            case 2:
                context.Direction = MessageDirection.Response;
                break;
            case 7:
                UserData(parameters, data, context);
                break;
            default:
                context.Malformed = true;
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Operation JobOperation(byte function) => function switch
    {
        0x04 => Operation.S7ReadVariable,
        0x05 => Operation.S7WriteVariable,
        0x1A => Operation.S7RequestDownload,
        0x1B => Operation.S7DownloadBlock,
        0x1C => Operation.S7DownloadEnded,
        0x1D => Operation.S7StartUpload,
        0x1E => Operation.S7Upload,
        0x1F => Operation.S7EndUpload,
        0x28 => Operation.S7PlcControl,
        0x29 => Operation.S7CpuStop,
        0xF0 => Operation.S7SetupCommunication,
        _ => Operation.S7UserDataOther,
    };

    internal static Operation UserDataOperation(int group, byte subfunction) => group switch
    {
        2 => Operation.S7CyclicData,
        3 => Operation.S7BlockFunctions,
        4 when subfunction == 1 => Operation.S7ReadSzl,
        5 => Operation.S7Security,
        7 when subfunction is 2 or 4 => Operation.S7ClockFunctions,
        _ => Operation.S7UserDataOther,
    };

    private static void UserData(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> data, DecodeContext context)
    {
        if (parameters.Length < 8 || parameters[0] != 0x00 || parameters[1] != 0x01 || parameters[2] != 0x12)
        {
            context.Malformed = true;
            return;
        }

        var type = parameters[5] >> 4;
        var group = parameters[5] & 0x0F;
        var subfunction = parameters[6];
        context.Direction = type == 4 ? MessageDirection.Request : MessageDirection.Response;
        context.Add(UserDataOperation(group, subfunction));
        if (group == 4 && subfunction == 1 && type == 8)
        {
            SzlAnswer(data, context);
        }
    }

    /// <summary>Data item: return code, transport size, length; then SZL id, index, record length, record count, records.</summary>
    private static void SzlAnswer(ReadOnlySpan<byte> data, DecodeContext context)
    {
        if (data.Length < 12 || data[0] != 0xFF)
        {
            return;
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        var recordLength = BinaryPrimitives.ReadUInt16BigEndian(data[8..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(data[10..]);
        var records = data[12..];
        if (recordLength < 2)
        {
            return;
        }

        for (var i = 0; i < count && records.Length >= recordLength; i++, records = records[recordLength..])
        {
            var record = records[..recordLength];
            var index = BinaryPrimitives.ReadUInt16BigEndian(record);
            if ((id & 0xFF) == 0x11 && recordLength >= 28)
            {
                ModuleIdentification(index, record, context);
            }
            else if ((id & 0xFF) == 0x1C && recordLength >= 34)
            {
                ComponentIdentification(index, DeviceIdentity.Ascii(record.Slice(2, 32)), context);
            }
        }
    }

    /// <summary>SZL 0x0011 record: index, MlfB (order number, 20 chars), BGTyp, Ausbg, Ausbe.</summary>
    private static void ModuleIdentification(ushort index, ReadOnlySpan<byte> record, DecodeContext context)
    {
        var identity = context.SenderIdentity();
        if (index == 0x0001)
        {
            var order = DeviceIdentity.Ascii(record.Slice(2, 20));
            identity.Set("S7 SZL 0x0011", orderNumber: order, vendor: order is not null && order.StartsWith("6ES7", StringComparison.Ordinal) ? "Siemens" : null);
        }
        else if (index == 0x0007 && record[24] == (byte)'V')
        {
            // Basic firmware: Ausbg = 'V', major; Ausbe = minor, patch.
            identity.Set("S7 SZL 0x0011", firmware: $"V{record[25]}.{record[26]}.{record[27]}");
        }
    }

    /// <summary>SZL 0x001C (component identification): 1 station, 2 module name, 3 plant, 5 serial, 7 module type.</summary>
    private static void ComponentIdentification(ushort index, string? text, DecodeContext context)
    {
        var identity = context.SenderIdentity();
        switch (index)
        {
            case 1: identity.Set("S7 SZL 0x001C", name: text); break;
            case 2: identity.Set("S7 SZL 0x001C", product: text); break;
            case 5: identity.Set("S7 SZL 0x001C", serialNumber: text); break;
            case 7: identity.Set("S7 SZL 0x001C", deviceType: text); break;
            default: break;
        }
    }
}
