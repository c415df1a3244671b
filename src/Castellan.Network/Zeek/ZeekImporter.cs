using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Castellan.Network.Addressing;
using Castellan.Network.Discovery;
using Castellan.Network.Packets;
using Castellan.Network.Protocols;

namespace Castellan.Network.Zeek;

/// <summary>
/// Builds conversations from Zeek logs the same way captures do: conn.log rows become conversations (origin =
/// client, packets and IP bytes per side), protocol logs add operations to them, identity logs (cip_identity,
/// s7comm_known_devices) describe devices.
/// </summary>
public static class ZeekImporter
{
    private const int OrigH = 0, OrigP = 1, RespH = 2, RespP = 3, Ts = 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Read(Stream stream, ZeekLogKind kind, TrafficTable table, InputStats stats, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        stats.Format = "zeek";
        var wanted = Wanted(kind);
        using var reader = new ZeekLogReader(stream, wanted, ZeekLogKinds.DefaultFields(kind));
        var next = 8L << 20;
        while (reader.TryRead(out var row))
        {
            if (!IpAddress16.TryParse(row[OrigH], out var origin) || !IpAddress16.TryParse(row[RespH], out var responder))
            {
                stats.Skipped++;
                continue;
            }

            var originPort = Utf8Parser.TryParse(row[OrigP], out ushort op, out _) ? op : (ushort)0;
            var responderPort = Utf8Parser.TryParse(row[RespP], out ushort rp, out _) ? rp : (ushort)0;
            switch (kind)
            {
                case ZeekLogKind.Conn:
                    Connection(row, origin, originPort, responder, responderPort, table);
                    break;
                case ZeekLogKind.CipIdentity:
                    var source = IpAddress16.TryParse(row[5], out var s) ? s : responder;
                    table.Context.IdentityOf(source, MacAddress.None).Set("Zeek cip_identity.log", vendor: row.Text(6), deviceType: row.Text(7),
                        productCode: row.Text(8), firmware: row.Text(9), serialNumber: row.Text(10), product: row.Text(11));
                    break;
                case ZeekLogKind.S7KnownDevices:
                    table.Context.IdentityOf(responder, MacAddress.None).Set("Zeek s7comm_known_devices.log", name: row.Text(5), product: row.Text(6), serialNumber: row.Text(7));
                    break;
                default:
                    var (protocol, operation) = OperationOf(kind, row);
                    if (!table.AddOperation(origin, originPort, responder, responderPort, Transport.Tcp, protocol, operation))
                    {
                        table.AddOperation(origin, originPort, responder, responderPort, Transport.Udp, protocol, operation);
                    }

                    break;
            }

            if (reader.Position >= next)
            {
                next = reader.Position + (8L << 20);
                progress?.Invoke(reader.Position);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        stats.Rows += reader.Rows;
        stats.Skipped += reader.Skipped;
        if (reader.Rows > 0 && !reader.HasHeader)
        {
            stats.Warnings.Add($"no #fields header: read with the default {kind.ToString().ToLowerInvariant()} columns");
        }

        progress?.Invoke(reader.Position);
    }

    private static string[] Wanted(ZeekLogKind kind)
    {
        string[] id = ["id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "ts"];
        return kind switch
        {
            ZeekLogKind.Conn => [.. id, "proto", "service", "duration", "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes"],
            ZeekLogKind.Modbus => [.. id, "func", "exception"],
            ZeekLogKind.Dnp3 => [.. id, "fc_request"],
            ZeekLogKind.S7Comm => [.. id, "rosctr_code", "function_code", "subfunction_code"],
            ZeekLogKind.S7CommPlus => [.. id, "opcode", "function_code"],
            ZeekLogKind.S7KnownDevices => [.. id, "automation_system_name", "module_name", "module_serial"],
            ZeekLogKind.Enip => [.. id, "enip_command_code"],
            ZeekLogKind.Cip => [.. id, "direction", "cip_service_code", "class_id"],
            ZeekLogKind.CipIdentity => [.. id, "source_h", "vendor_name", "device_type_name", "product_code", "revision", "serial_number", "product_name"],
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Connection(ZeekRow row, IpAddress16 origin, ushort originPort, IpAddress16 responder, ushort responderPort, TrafficTable table)
    {
        var proto = row[5];
        var (transport, ipProtocol) = proto.SequenceEqual("tcp"u8) ? (Transport.Tcp, (byte)6)
            : proto.SequenceEqual("udp"u8) ? (Transport.Udp, (byte)17)
            : proto.SequenceEqual("icmp"u8) ? (origin.IsIPv4 ? Transport.Icmp : Transport.Icmpv6, origin.IsIPv4 ? (byte)1 : (byte)58)
            : (Transport.OtherIp, (byte)0);
        if (transport is not (Transport.Tcp or Transport.Udp))
        {
            originPort = responderPort = 0;
        }

        var start = Seconds(row[Ts]);
        var end = start + Seconds(row[7]);
        table.AddConnection(origin, originPort, responder, responderPort, transport, ipProtocol,
            Count(row[8]), Count(row[9]), Count(row[10]), Count(row[11]), start, end, Service(row[6]));
    }

    /// <summary>The most specific protocol in Zeek's service list ("cotp,s7comm" → s7comm; industrial before IT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ProtocolId Service(ReadOnlySpan<byte> services)
    {
        var found = ProtocolId.Unknown;
        while (!services.IsEmpty)
        {
            var comma = services.IndexOf((byte)',');
            var name = comma < 0 ? services : services[..comma];
            services = comma < 0 ? default : services[(comma + 1)..];
            var protocol = name switch
            {
                _ when name.SequenceEqual("modbus"u8) => ProtocolId.Modbus,
                _ when name.SequenceEqual("dnp3"u8) || name.SequenceEqual("dnp3_tcp"u8) || name.SequenceEqual("dnp3_udp"u8) => ProtocolId.Dnp3,
                _ when name.SequenceEqual("s7comm"u8) => ProtocolId.S7Comm,
                _ when name.SequenceEqual("s7comm-plus"u8) || name.SequenceEqual("s7comm_plus"u8) => ProtocolId.S7CommPlus,
                _ when name.SequenceEqual("enip"u8) => ProtocolId.EtherNetIp,
                _ when name.SequenceEqual("cip"u8) => ProtocolId.CipIo,
                _ when name.SequenceEqual("bacnet"u8) => ProtocolId.Bacnet,
                _ when name.SequenceEqual("iec104"u8) || name.SequenceEqual("iec60870_5_104"u8) => ProtocolId.Iec104,
                _ when name.SequenceEqual("opcua_binary"u8) || name.SequenceEqual("opcua-binary"u8) => ProtocolId.OpcUa,
                _ when name.SequenceEqual("profinet"u8) || name.SequenceEqual("profinet_dce_rpc"u8) => ProtocolId.Profinet,
                _ when name.SequenceEqual("mms"u8) => ProtocolId.Mms,
                _ when name.SequenceEqual("dns"u8) => ProtocolId.Dns,
                _ when name.SequenceEqual("dhcp"u8) => ProtocolId.Dhcp,
                _ when name.SequenceEqual("ntp"u8) => ProtocolId.Ntp,
                _ when name.SequenceEqual("http"u8) => ProtocolId.Http,
                _ when name.SequenceEqual("ssl"u8) || name.SequenceEqual("tls"u8) => ProtocolId.Tls,
                _ when name.SequenceEqual("ssh"u8) => ProtocolId.Ssh,
                _ when name.SequenceEqual("rdp"u8) => ProtocolId.Rdp,
                _ when name.SequenceEqual("smb"u8) => ProtocolId.Smb,
                _ when name.SequenceEqual("snmp"u8) => ProtocolId.Snmp,
                _ => ProtocolId.Unknown,
            };
            if (protocol.IsIndustrial())
            {
                return protocol;
            }

            if (found == ProtocolId.Unknown)
            {
                found = protocol;
            }
        }

        return found;
    }

    private static (ProtocolId, Operation?) OperationOf(ZeekLogKind kind, ZeekRow row) => kind switch
    {
        ZeekLogKind.Modbus => (ProtocolId.Modbus, !row[6].IsEmpty ? Operation.ModbusException : ModbusFunction(row[5]) is { } f ? ModbusDecoder.OperationOf(f) : null),
        ZeekLogKind.Dnp3 => (ProtocolId.Dnp3, Dnp3Function(row[5]) is { } f ? Dnp3Decoder.OperationOf(f) : null),
        ZeekLogKind.S7Comm => (ProtocolId.S7Comm, S7(row)),
        ZeekLogKind.S7CommPlus => (ProtocolId.S7CommPlus, row[5].SequenceEqual("0x31"u8) && Hex(row[6]) is { } f ? S7CommPlusDecoder.FunctionOperation((ushort)f) : null),
        ZeekLogKind.Enip => (ProtocolId.EtherNetIp, Hex(row[5]) is { } c ? EtherNetIpDecoder.CommandOperation((ushort)c) : null),
        ZeekLogKind.Cip => (ProtocolId.EtherNetIp, row[5].SequenceEqual("request"u8) && Hex(row[6]) is { } s ? Cip.ServiceOperation((byte)s, Hex(row[7]) ?? -1, symbolic: row[7].IsEmpty) : null),
        _ => (ProtocolId.Unknown, null),
    };

    private static Operation? S7(ZeekRow row)
    {
        var function = Hex(row[6]);
        if (function is null)
        {
            return null;
        }

        if (row[5].SequenceEqual("1"u8))
        {
            return S7CommDecoder.JobOperation((byte)function);
        }

        if (row[5].SequenceEqual("7"u8) && (function & 0xF0) == 0x40)
        {
            return S7CommDecoder.UserDataOperation(function.Value & 0x0F, (byte)(Hex(row[7]) ?? 0));
        }

        return null;
    }

    private static readonly byte[][] ModbusNames = Ascii(
    [
        "", "READ_COILS", "READ_DISCRETE_INPUTS", "READ_HOLDING_REGISTERS", "READ_INPUT_REGISTERS", "WRITE_SINGLE_COIL", "WRITE_SINGLE_REGISTER",
        "READ_EXCEPTION_STATUS", "DIAGNOSTICS", "", "", "GET_COMM_EVENT_COUNTER", "GET_COMM_EVENT_LOG", "", "", "WRITE_MULTIPLE_COILS",
        "WRITE_MULTIPLE_REGISTERS", "REPORT_SLAVE_ID", "", "", "READ_FILE_RECORD", "WRITE_FILE_RECORD", "MASK_WRITE_REGISTER",
        "READ_WRITE_MULTIPLE_REGISTERS", "READ_FIFO_QUEUE",
    ]);

    private static readonly byte[][] Dnp3Names = Ascii(
    [
        "CONFIRM", "READ", "WRITE", "SELECT", "OPERATE", "DIRECT_OPERATE", "DIRECT_OPERATE_NR", "IMMED_FREEZE", "IMMED_FREEZE_NR", "FREEZE_CLEAR",
        "FREEZE_CLEAR_NR", "FREEZE_AT_TIME", "FREEZE_AT_TIME_NR", "COLD_RESTART", "WARM_RESTART", "INITIALIZE_DATA", "INITIALIZE_APPL", "START_APPL",
        "STOP_APPL", "SAVE_CONFIG", "ENABLE_UNSOLICITED", "DISABLE_UNSOLICITED", "ASSIGN_CLASS", "DELAY_MEASURE", "RECORD_CURRENT_TIME",
        "OPEN_FILE", "CLOSE_FILE", "DELETE_FILE", "GET_FILE_INFO", "AUTHENTICATE_FILE", "ABORT_FILE", "ACTIVATE_CONFIG", "AUTHENTICATE_REQ", "AUTHENTICATE_ERR",
    ]);

    private static byte[][] Ascii(string[] names) => [.. names.Select(System.Text.Encoding.ASCII.GetBytes)];

    private static byte? ModbusFunction(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("ENCAP_INTERFACE_TRANSPORT"u8))
        {
            return 43;
        }

        return Lookup(ModbusNames, name);
    }

    private static byte? Dnp3Function(ReadOnlySpan<byte> name) => Lookup(Dnp3Names, name);

    private static byte? Lookup(byte[][] names, ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return null;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return (byte)i;
            }
        }

        return null;
    }

    private static int? Hex(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith("0x"u8) && Utf8Parser.TryParse(text[2..], out uint value, out var used, 'x') && used == text.Length - 2)
        {
            return (int)value;
        }

        return Utf8Parser.TryParse(text, out uint plain, out var n) && n == text.Length ? (int)plain : null;
    }

    private static long Count(ReadOnlySpan<byte> text) => Utf8Parser.TryParse(text, out long value, out _) ? value : 0;

    /// <summary>Zeek time: seconds since the epoch with a decimal fraction ("1427823695.129679"); masked or unset → 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Seconds(ReadOnlySpan<byte> text)
    {
        ReadOnlySpan<long> scale = [1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
        long seconds = 0, fraction = 0;
        var i = 0;
        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            seconds = (seconds * 10) + (text[i] - '0');
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            // Up to nine digits (nanoseconds); a longer fraction leaves i short of the end, so the value is refused.
            var digits = 0;
            for (i++; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9' && digits < 9; i++, digits++)
            {
                fraction = (fraction * 10) + (text[i] - '0');
            }

            fraction *= scale[digits];
        }

        return i == text.Length && seconds < 10_000_000_000 ? (seconds * 1_000_000_000) + fraction : 0;
    }
}
