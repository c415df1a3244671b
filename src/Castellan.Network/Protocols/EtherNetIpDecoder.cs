using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// EtherNet/IP encapsulation (ODVA, 24-byte little-endian header) on TCP/UDP 44818 and the CIP messages it carries.
/// ListIdentity answers give vendor, device type, product code and name, revision and serial number; CIP services
/// become operations (set attribute / write tag are writes; reset, start, stop are control).
/// </summary>
internal static class EtherNetIpDecoder
{
    public static readonly ushort[] Ports = [44818];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        if (payload.Length < 24 || !Known(BinaryPrimitives.ReadUInt16LittleEndian(payload)))
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
        var options = BinaryPrimitives.ReadUInt32LittleEndian(payload[20..]);
        return onPort ? options == 0 : options == 0 && 24 + length == payload.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        for (var units = 0; payload.Length >= 24 && units < 16; units++)
        {
            var command = BinaryPrimitives.ReadUInt16LittleEndian(payload);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
            if (!Known(command))
            {
                context.Malformed = units == 0;
                return;
            }

            var body = payload.Slice(24, Math.Min(length, payload.Length - 24));
            switch (command)
            {
                case 0x0004:
                    context.Add(Operation.EnipListServices);
                    break;
                case 0x0063:
                    context.Add(Operation.EnipListIdentity);
                    context.Direction = length == 0 ? MessageDirection.Request : MessageDirection.Response;
                    if (length > 0)
                    {
                        ListIdentity(body, context);
                    }

                    break;
                case 0x0064:
                    context.Add(Operation.EnipListInterfaces);
                    break;
                case 0x0065:
                    context.Add(Operation.EnipRegisterSession);
                    break;
                case 0x0066:
                    context.Add(Operation.EnipUnregisterSession);
                    break;
                case 0x006F or 0x0070:
                    CommonPacketFormat(body, context);
                    break;
                default:
                    break;
            }

            payload = payload[Math.Min(24 + length, payload.Length)..];
        }
    }

    /// <summary>The operation of an encapsulation command that is not a CIP carrier, or null.</summary>
    internal static Operation? CommandOperation(ushort command) => command switch
    {
        0x0004 => Operation.EnipListServices,
        0x0063 => Operation.EnipListIdentity,
        0x0064 => Operation.EnipListInterfaces,
        0x0065 => Operation.EnipRegisterSession,
        0x0066 => Operation.EnipUnregisterSession,
        _ => null,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Known(ushort command) => command is 0x0000 or 0x0004 or 0x0063 or 0x0064 or 0x0065 or 0x0066 or 0x006F or 0x0070 or 0x0072 or 0x0073;

    /// <summary>SendRRData / SendUnitData: interface handle, timeout, item count, then (type, length, data) items.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CommonPacketFormat(ReadOnlySpan<byte> body, DecodeContext context)
    {
        if (body.Length < 8)
        {
            return;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(body[6..]);
        var items = body[8..];
        for (var i = 0; i < count && i < 8 && items.Length >= 4; i++)
        {
            var type = BinaryPrimitives.ReadUInt16LittleEndian(items);
            var itemLength = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(items[2..]), items.Length - 4);
            var data = items.Slice(4, itemLength);
            if (type == 0x00B2)
            {
                Cip.Message(data, context, depth: 0);
            }
            else if (type == 0x00B1 && data.Length > 2)
            {
                Cip.Message(data[2..], context, depth: 0);
            }

            items = items[(4 + itemLength)..];
        }
    }

    /// <summary>CPF item 0x0C: version, socket address (16), vendor, device type, product code, revision, status, serial, name, state.</summary>
    private static void ListIdentity(ReadOnlySpan<byte> body, DecodeContext context)
    {
        if (body.Length < 2)
        {
            return;
        }

        var items = body[2..];
        if (items.Length < 4 || BinaryPrimitives.ReadUInt16LittleEndian(items) != 0x000C)
        {
            return;
        }

        var item = items.Slice(4, Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(items[2..]), items.Length - 4));
        if (item.Length < 33)
        {
            context.Malformed = true;
            return;
        }

        var vendorId = BinaryPrimitives.ReadUInt16LittleEndian(item[18..]);
        var deviceType = BinaryPrimitives.ReadUInt16LittleEndian(item[20..]);
        var productCode = BinaryPrimitives.ReadUInt16LittleEndian(item[22..]);
        var revision = $"{item[24]}.{item[25]}";
        var serial = "0x" + BinaryPrimitives.ReadUInt32LittleEndian(item[28..]).ToString("x8", CultureInfo.InvariantCulture);
        var nameLength = Math.Min(item[32], item.Length - 33);
        var name = DeviceIdentity.Ascii(item.Slice(33, nameLength));
        context.SenderIdentity().Set("EtherNet/IP ListIdentity", vendor: CipVendors.Name(vendorId), product: name,
            productCode: productCode.ToString(CultureInfo.InvariantCulture), deviceType: CipVendors.DeviceType(deviceType), firmware: revision, serialNumber: serial);
    }
}
