using System.Buffers.Binary;
using System.Globalization;

namespace Castellan.Network.Protocols;

/// <summary>
/// PROFINET RT (EtherType 0x8892, layer 2): the frame id tells cyclic I/O, alarms and DCP. DCP identify answers give
/// the station name, type and vendor/device id of a device that may have no IP at all; a DCP set (name or IP
/// assignment) is notable. PROFINET context management over UDP 34964 (DCE/RPC) is recognised too.
/// </summary>
internal static class ProfinetDecoder
{
    public const ushort EtherType = 0x8892;
    public static readonly ushort[] Ports = [34964];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort) => payload.Length >= 2;

    /// <summary>PNIO-CM on UDP: a DCE/RPC (connectionless, version 4) header.</summary>
    public static bool MatchesRpc(ReadOnlySpan<byte> payload, bool onPort) => onPort && payload.Length >= 80 && payload[0] == 4 && payload[1] <= 10;

    public static void InspectRpc(ReadOnlySpan<byte> payload, DecodeContext context)
    {
    }

    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        if (payload.Length < 2)
        {
            context.Malformed = true;
            return;
        }

        var frameId = BinaryPrimitives.ReadUInt16BigEndian(payload);
        switch (frameId)
        {
            case >= 0x0100 and <= 0xFBFF:
                context.Add(Operation.ProfinetCyclicIo);
                break;
            case 0xFC01 or 0xFE01:
                context.Add(Operation.ProfinetAlarm);
                break;
            case >= 0xFEFC and <= 0xFEFF:
                Dcp(payload[2..], context);
                break;
            default:
                break;
        }
    }

    /// <summary>DCP: service id, service type, xid (4), response delay (2), data length (2), then option blocks.</summary>
    private static void Dcp(ReadOnlySpan<byte> dcp, DecodeContext context)
    {
        if (dcp.Length < 10)
        {
            context.Malformed = true;
            return;
        }

        var service = dcp[0];
        var response = (dcp[1] & 0x01) != 0;
        context.Direction = response ? MessageDirection.Response : MessageDirection.Request;
        context.Add(service switch
        {
            3 => Operation.ProfinetDcpGet,
            4 => Operation.ProfinetDcpSet,
            5 => Operation.ProfinetDcpIdentify,
            6 => Operation.ProfinetDcpHello,
            _ => Operation.ProfinetDcpGet,
        });
        if (!(response && service is 5 or 3) && service != 6)
        {
            return;
        }

        var blocks = dcp.Slice(10, Math.Min(BinaryPrimitives.ReadUInt16BigEndian(dcp[8..]), dcp.Length - 10));
        string? station = null, type = null, vendor = null, device = null;
        for (var i = 0; i < 32 && blocks.Length >= 4; i++)
        {
            var option = blocks[0];
            var suboption = blocks[1];
            var length = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(blocks[2..]), blocks.Length - 4);
            var value = blocks.Slice(4, length);

            // Answers carry a 2-byte block info before the value.
            var data = value.Length >= 2 ? value[2..] : default;
            if (option == 2)
            {
                switch (suboption)
                {
                    case 1: type = DeviceIdentity.Ascii(data); break;
                    case 2: station = DeviceIdentity.Ascii(data); break;
                    case 3 when data.Length >= 4:
                        var vendorId = BinaryPrimitives.ReadUInt16BigEndian(data);
                        vendor = vendorId == 0x002A ? "Siemens" : "PROFINET vendor 0x" + vendorId.ToString("x4", CultureInfo.InvariantCulture);
                        device = "0x" + BinaryPrimitives.ReadUInt16BigEndian(data[2..]).ToString("x4", CultureInfo.InvariantCulture);
                        break;
                    default: break;
                }
            }

            blocks = blocks[Math.Min(4 + length + (length & 1), blocks.Length)..];
        }

        if (station is not null || type is not null || vendor is not null)
        {
            context.SenderIdentity().Set("PROFINET DCP", vendor: vendor, product: type, productCode: device, name: station);
        }
    }
}
