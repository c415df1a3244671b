namespace Castellan.Network.Zeek;

/// <summary>The Zeek logs discovery reads: conn.log and the CISA ICSNPP protocol logs.</summary>
public enum ZeekLogKind
{
    Conn,
    Modbus,
    Dnp3,
    S7Comm,
    S7CommPlus,
    S7KnownDevices,
    Enip,
    Cip,
    CipIdentity,
}

public static class ZeekLogKinds
{
    /// <summary>The kind from a #path value or a file name such as "conn.log", "conn.00:00:00-01:00:00.log" or "modbus.json".</summary>
    public static ZeekLogKind? FromName(string name)
    {
        var stem = Path.GetFileName(name);
        var dot = stem.IndexOf('.', StringComparison.Ordinal);
        stem = dot > 0 ? stem[..dot] : stem;
        return stem switch
        {
            "conn" => ZeekLogKind.Conn,
            "modbus" => ZeekLogKind.Modbus,
            "dnp3" => ZeekLogKind.Dnp3,
            "s7comm" => ZeekLogKind.S7Comm,
            "s7comm_plus" => ZeekLogKind.S7CommPlus,
            "s7comm_known_devices" => ZeekLogKind.S7KnownDevices,
            "enip" => ZeekLogKind.Enip,
            "cip" => ZeekLogKind.Cip,
            "cip_identity" => ZeekLogKind.CipIdentity,
            _ => null,
        };
    }

    /// <summary>
    /// Column order of each log as Zeek and the ICSNPP parsers write it, for TSV files that lost their header
    /// (the ICSNPP test baselines keep only the rows of some logs).
    /// </summary>
    public static IReadOnlyList<string> DefaultFields(ZeekLogKind kind) => kind switch
    {
        ZeekLogKind.Conn => [.. Id, "proto", "service", "duration", "orig_bytes", "resp_bytes", "conn_state", "local_orig", "local_resp", "missed_bytes", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "tunnel_parents"],
        ZeekLogKind.Modbus => [.. Id, "func", "exception"],
        ZeekLogKind.Dnp3 => [.. Id, "fc_request", "fc_reply", "iin"],
        ZeekLogKind.S7Comm => [.. Id, .. Direction, "rosctr_code", "rosctr_name", "pdu_reference", "function_code", "function_name", "subfunction_code", "subfunction_name", "error_class", "error_code"],
        ZeekLogKind.S7CommPlus => [.. Id, .. Direction, "version", "opcode", "opcode_name", "function_code", "function_name"],
        ZeekLogKind.S7KnownDevices => [.. Id, .. Direction, "automation_system_name", "module_name", "plant_name", "module_serial"],
        ZeekLogKind.Enip => [.. Id, .. Direction, "enip_command_code", "enip_command", "length", "session_handle", "enip_status", "sender_context", "options"],
        ZeekLogKind.Cip => [.. Id, .. Direction, "cip_sequence_count", "direction", "cip_service_code", "cip_service", "cip_status_code", "cip_status", "cip_extended_status_code", "cip_extended_status", "class_id", "class_name", "instance_id", "attribute_id"],
        ZeekLogKind.CipIdentity => [.. Id, .. Direction, "encapsulation_version", "socket_address", "socket_port", "vendor_id", "vendor_name", "device_type_id", "device_type_name", "product_code", "revision", "device_status", "serial_number", "product_name", "device_state"],
    };

    private static readonly string[] Id = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p"];
    private static readonly string[] Direction = ["is_orig", "source_h", "source_p", "destination_h", "destination_p"];
}
