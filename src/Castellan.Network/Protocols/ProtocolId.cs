namespace Castellan.Network.Protocols;

/// <summary>The application protocols discovery recognises.</summary>
public enum ProtocolId : byte
{
    Unknown,
    Modbus,
    Dnp3,
    S7Comm,
    S7CommPlus,
    EtherNetIp,
    CipIo,
    Bacnet,
    Iec104,
    Mms,
    Goose,
    SampledValues,
    OpcUa,
    Profinet,
    Ads,
    Melsec,
    C37118,
    Dns,
    Dhcp,
    Ntp,
    Http,
    Tls,
    Ssh,
    Rdp,
    Smb,
    Snmp,
    Lldp,
    Arp,
}

public static class ProtocolNames
{
    /// <summary>Lower-case wire name (JSON, CSV); close to Zeek's service names where Zeek has one.</summary>
    public static string ToWire(this ProtocolId protocol) => protocol switch
    {
        ProtocolId.Unknown => "unknown",
        ProtocolId.Modbus => "modbus",
        ProtocolId.Dnp3 => "dnp3",
        ProtocolId.S7Comm => "s7comm",
        ProtocolId.S7CommPlus => "s7comm-plus",
        ProtocolId.EtherNetIp => "enip",
        ProtocolId.CipIo => "cip-io",
        ProtocolId.Bacnet => "bacnet",
        ProtocolId.Iec104 => "iec104",
        ProtocolId.Mms => "mms",
        ProtocolId.Goose => "goose",
        ProtocolId.SampledValues => "sv",
        ProtocolId.OpcUa => "opcua",
        ProtocolId.Profinet => "profinet",
        ProtocolId.Ads => "ads",
        ProtocolId.Melsec => "melsec",
        ProtocolId.C37118 => "c37.118",
        ProtocolId.Dns => "dns",
        ProtocolId.Dhcp => "dhcp",
        ProtocolId.Ntp => "ntp",
        ProtocolId.Http => "http",
        ProtocolId.Tls => "tls",
        ProtocolId.Ssh => "ssh",
        ProtocolId.Rdp => "rdp",
        ProtocolId.Smb => "smb",
        ProtocolId.Snmp => "snmp",
        ProtocolId.Lldp => "lldp",
        ProtocolId.Arp => "arp",
    };

    /// <summary>The name a person reads in evidence and tables.</summary>
    public static string DisplayName(this ProtocolId protocol) => protocol switch
    {
        ProtocolId.Unknown => "unknown",
        ProtocolId.Modbus => "Modbus/TCP",
        ProtocolId.Dnp3 => "DNP3",
        ProtocolId.S7Comm => "S7comm",
        ProtocolId.S7CommPlus => "S7comm-plus",
        ProtocolId.EtherNetIp => "EtherNet/IP",
        ProtocolId.CipIo => "CIP implicit I/O",
        ProtocolId.Bacnet => "BACnet/IP",
        ProtocolId.Iec104 => "IEC 60870-5-104",
        ProtocolId.Mms => "IEC 61850 MMS",
        ProtocolId.Goose => "IEC 61850 GOOSE",
        ProtocolId.SampledValues => "IEC 61850 Sampled Values",
        ProtocolId.OpcUa => "OPC UA",
        ProtocolId.Profinet => "PROFINET",
        ProtocolId.Ads => "Beckhoff ADS",
        ProtocolId.Melsec => "MELSEC",
        ProtocolId.C37118 => "IEEE C37.118",
        ProtocolId.Dns => "DNS",
        ProtocolId.Dhcp => "DHCP",
        ProtocolId.Ntp => "NTP",
        ProtocolId.Http => "HTTP",
        ProtocolId.Tls => "TLS",
        ProtocolId.Ssh => "SSH",
        ProtocolId.Rdp => "RDP",
        ProtocolId.Smb => "SMB",
        ProtocolId.Snmp => "SNMP",
        ProtocolId.Lldp => "LLDP",
        ProtocolId.Arp => "ARP",
    };

    /// <summary>Industrial protocols are inspected on every packet (operations); IT protocols only until recognised.</summary>
    public static bool IsIndustrial(this ProtocolId protocol) => protocol is ProtocolId.Modbus or ProtocolId.Dnp3 or ProtocolId.S7Comm
        or ProtocolId.S7CommPlus or ProtocolId.EtherNetIp or ProtocolId.CipIo or ProtocolId.Bacnet or ProtocolId.Iec104 or ProtocolId.Mms
        or ProtocolId.Goose or ProtocolId.SampledValues or ProtocolId.OpcUa or ProtocolId.Profinet or ProtocolId.Ads or ProtocolId.Melsec
        or ProtocolId.C37118;

    public static ProtocolId? FromWire(string name)
    {
        foreach (var value in Enum.GetValues<ProtocolId>())
        {
            if (value.ToWire() == name)
            {
                return value;
            }
        }

        return null;
    }
}
