using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// Modbus/TCP (Modbus Application Protocol V1.1b3): MBAP header (transaction, protocol id 0, length, unit) + PDU.
/// Every ADU in a segment is read; function codes become operations, writes are notable; MEI 14 (read device
/// identification) answers give vendor, product code and revision.
/// </summary>
internal static class ModbusDecoder
{
    public static readonly ushort[] Ports = [502];

    public static bool Matches(ReadOnlySpan<byte> payload, bool onPort)
    {
        var units = 0;
        while (payload.Length >= 8)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(payload[4..]);
            if (payload[2] != 0 || payload[3] != 0 || length is < 2 or > 254 || !Known(payload[7] & 0x7F))
            {
                return false;
            }

            units++;
            if (6 + length > payload.Length)
            {
                // A unit continued in the next segment: enough on the Modbus port, not elsewhere.
                return onPort;
            }

            payload = payload[(6 + length)..];
        }

        return units > 0 && payload.Length == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inspect(ReadOnlySpan<byte> payload, DecodeContext context)
    {
        for (var units = 0; payload.Length >= 8 && units < 64; units++)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(payload[4..]);
            if (payload[2] != 0 || payload[3] != 0 || length < 2)
            {
                context.Malformed = true;
                return;
            }

            var pdu = payload.Slice(7, Math.Min(length - 1, payload.Length - 7));
            var function = pdu[0];
            if ((function & 0x80) != 0)
            {
                context.Add(Operation.ModbusException);
                context.Direction = MessageDirection.Response;
            }
            else
            {
                context.Add(OperationOf(function));
                if (function == 43 && pdu.Length >= 7 && pdu[1] == 14)
                {
                    DeviceIdentification(pdu, context);
                }
            }

            payload = payload[Math.Min(6 + length, payload.Length)..];
        }
    }

    private static bool Known(int function) => function is (>= 1 and <= 8) or 11 or 12 or 15 or 16 or 17 or 20 or 21 or 22 or 23 or 24 or 43;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Operation OperationOf(byte function) => function switch
    {
        1 => Operation.ModbusReadCoils,
        2 => Operation.ModbusReadDiscreteInputs,
        3 => Operation.ModbusReadHoldingRegisters,
        4 => Operation.ModbusReadInputRegisters,
        5 => Operation.ModbusWriteSingleCoil,
        6 => Operation.ModbusWriteSingleRegister,
        7 => Operation.ModbusReadExceptionStatus,
        8 => Operation.ModbusDiagnostics,
        15 => Operation.ModbusWriteMultipleCoils,
        16 => Operation.ModbusWriteMultipleRegisters,
        17 => Operation.ModbusReportServerId,
        20 => Operation.ModbusReadFileRecord,
        21 => Operation.ModbusWriteFileRecord,
        22 => Operation.ModbusMaskWriteRegister,
        23 => Operation.ModbusReadWriteMultipleRegisters,
        24 => Operation.ModbusReadFifoQueue,
        43 => Operation.ModbusReadDeviceIdentification,
        _ => Operation.ModbusOtherFunction,
    };

    /// <summary>MEI type 14 response: code, conformity, more-follows, next id, count, then (id, length, value) objects.</summary>
    private static void DeviceIdentification(ReadOnlySpan<byte> pdu, DecodeContext context)
    {
        var count = pdu[6];
        var objects = pdu[7..];
        string? vendor = null, productCode = null, revision = null, product = null;
        for (var i = 0; i < count && objects.Length >= 2; i++)
        {
            var id = objects[0];
            var length = Math.Min(objects[1], objects.Length - 2);
            var value = DeviceIdentity.Ascii(objects.Slice(2, length));
            switch (id)
            {
                case 0: vendor = value; break;
                case 1: productCode = value; break;
                case 2: revision = value; break;
                case 4: product = value; break;
                case 5: product ??= value; break;
                default: break;
            }

            objects = objects[(2 + length)..];
        }

        if (vendor is not null || productCode is not null || revision is not null || product is not null)
        {
            context.Direction = MessageDirection.Response;
            context.SenderIdentity().Set("Modbus read device identification", vendor: vendor, product: product, productCode: productCode, firmware: revision);
        }
    }
}
