using System.Runtime.CompilerServices;
using Castellan.Network.Packets;

namespace Castellan.Network.Protocols;

public delegate bool SignatureMatch(ReadOnlySpan<byte> payload, bool onPort);

public delegate void PayloadInspection(ReadOnlySpan<byte> payload, DecodeContext context);

/// <summary>One decoder: where it usually listens, how it recognises its payload, and what it reads from it.</summary>
public sealed record ProtocolDecoder(string Name, ProtocolId Protocol, bool Tcp, bool Udp, IReadOnlyList<ushort> Ports, SignatureMatch Matches, PayloadInspection Inspect);

/// <summary>
/// Every decoder, in the order signatures are tried off their usual port (strictest first: CRC-checked, then
/// length-consistent framings, then text prefixes). Port tables are built once.
/// </summary>
public static class ProtocolRegistry
{
    public static IReadOnlyList<ProtocolDecoder> Decoders { get; } =
    [
        new("dnp3", ProtocolId.Dnp3, true, true, Dnp3Decoder.Ports, Dnp3Decoder.Matches, Dnp3Decoder.Inspect),
        new("c37.118", ProtocolId.C37118, true, true, C37118Decoder.Ports, C37118Decoder.Matches, C37118Decoder.Inspect),
        new("s7comm", ProtocolId.S7Comm, true, false, S7CommDecoder.Ports, S7CommDecoder.Matches, S7CommDecoder.Inspect),
        new("s7comm-plus", ProtocolId.S7CommPlus, true, false, S7CommPlusDecoder.Ports, S7CommPlusDecoder.Matches, S7CommPlusDecoder.Inspect),
        new("mms", ProtocolId.Mms, true, false, MmsDecoder.Ports, MmsDecoder.Matches, MmsDecoder.Inspect),
        new("rdp", ProtocolId.Rdp, true, false, RdpDecoder.Ports, RdpDecoder.Matches, RdpDecoder.Inspect),
        new("enip", ProtocolId.EtherNetIp, true, true, EtherNetIpDecoder.Ports, EtherNetIpDecoder.Matches, EtherNetIpDecoder.Inspect),
        new("ads", ProtocolId.Ads, true, false, AdsDecoder.Ports, AdsDecoder.Matches, AdsDecoder.Inspect),
        new("modbus", ProtocolId.Modbus, true, false, ModbusDecoder.Ports, ModbusDecoder.Matches, ModbusDecoder.Inspect),
        new("iec104", ProtocolId.Iec104, true, false, Iec104Decoder.Ports, Iec104Decoder.Matches, Iec104Decoder.Inspect),
        new("melsec", ProtocolId.Melsec, true, true, MelsecDecoder.Ports, MelsecDecoder.Matches, MelsecDecoder.Inspect),
        new("opcua", ProtocolId.OpcUa, true, false, OpcUaDecoder.Ports, OpcUaDecoder.Matches, OpcUaDecoder.Inspect),
        new("bacnet", ProtocolId.Bacnet, false, true, BacnetDecoder.Ports, BacnetDecoder.Matches, BacnetDecoder.Inspect),
        new("cip-io", ProtocolId.CipIo, false, true, CipIoDecoder.Ports, CipIoDecoder.Matches, CipIoDecoder.Inspect),
        new("profinet-cm", ProtocolId.Profinet, false, true, ProfinetDecoder.Ports, ProfinetDecoder.MatchesRpc, ProfinetDecoder.InspectRpc),
        new("dhcp", ProtocolId.Dhcp, false, true, DhcpDecoder.Ports, DhcpDecoder.Matches, DhcpDecoder.Inspect),
        new("smb", ProtocolId.Smb, true, false, SmbDecoder.Ports, SmbDecoder.Matches, SmbDecoder.Inspect),
        new("ssh", ProtocolId.Ssh, true, false, SshDecoder.Ports, SshDecoder.Matches, SshDecoder.Inspect),
        new("http", ProtocolId.Http, true, false, HttpDecoder.Ports, HttpDecoder.Matches, HttpDecoder.Inspect),
        new("tls", ProtocolId.Tls, true, false, TlsDecoder.Ports, TlsDecoder.Matches, TlsDecoder.Inspect),
        new("dns", ProtocolId.Dns, true, true, DnsDecoder.Ports, DnsDecoder.Matches, DnsDecoder.Inspect),
        new("ntp", ProtocolId.Ntp, false, true, NtpDecoder.Ports, NtpDecoder.Matches, NtpDecoder.Inspect),
        new("snmp", ProtocolId.Snmp, false, true, SnmpDecoder.Ports, SnmpDecoder.Matches, SnmpDecoder.Inspect),
    ];

    /// <summary>Layer-2 decoders by EtherType.</summary>
    public static IReadOnlyList<(ushort EtherType, ProtocolDecoder Decoder)> Layer2 { get; } =
    [
        (GooseDecoder.EtherType, new("goose", ProtocolId.Goose, false, false, [], GooseDecoder.Matches, GooseDecoder.Inspect)),
        (SampledValuesDecoder.EtherType, new("sv", ProtocolId.SampledValues, false, false, [], SampledValuesDecoder.Matches, SampledValuesDecoder.Inspect)),
        (ProfinetDecoder.EtherType, new("profinet", ProtocolId.Profinet, false, false, [], ProfinetDecoder.Matches, ProfinetDecoder.Inspect)),
        (LldpDecoder.EtherType, new("lldp", ProtocolId.Lldp, false, false, [], LldpDecoder.Matches, LldpDecoder.Inspect)),
    ];

    private static readonly ProtocolDecoder[]?[] TcpPorts = PortTable(tcp: true);
    private static readonly ProtocolDecoder[]?[] UdpPorts = PortTable(tcp: false);
    private static readonly ProtocolDecoder?[] ByProtocol = BuildByProtocol();

    /// <summary>The decoders whose usual port is <paramref name="port"/> on this transport (empty when none).</summary>
    public static ReadOnlySpan<ProtocolDecoder> OnPort(Transport transport, ushort port) =>
        (transport == Transport.Tcp ? TcpPorts[port] : transport == Transport.Udp ? UdpPorts[port] : null) ?? [];

    /// <summary>The decoder that inspects conversations already recognised as <paramref name="protocol"/>.</summary>
    public static ProtocolDecoder? For(ProtocolId protocol) => ByProtocol[(int)protocol];

    /// <summary>
    /// Inspects a payload of a conversation recognised as <paramref name="protocol"/> (which has a decoder: see
    /// <see cref="For"/>) — the same as <c>For(protocol).Inspect</c>, but the protocols that carry most packets of a
    /// plant are called directly rather than through a delegate, once per packet.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Inspect(ProtocolId protocol, ReadOnlySpan<byte> payload, DecodeContext context)
    {
        switch (protocol)
        {
            case ProtocolId.EtherNetIp:
                EtherNetIpDecoder.Inspect(payload, context);
                break;
            case ProtocolId.Modbus:
                ModbusDecoder.Inspect(payload, context);
                break;
            case ProtocolId.S7Comm:
                S7CommDecoder.Inspect(payload, context);
                break;
            case ProtocolId.Dnp3:
                Dnp3Decoder.Inspect(payload, context);
                break;
            case ProtocolId.C37118:
                C37118Decoder.Inspect(payload, context);
                break;
            case ProtocolId.Ads:
                AdsDecoder.Inspect(payload, context);
                break;
            case ProtocolId.CipIo:
                CipIoDecoder.Inspect(payload, context);
                break;
            default:
                ByProtocol[(int)protocol]!.Inspect(payload, context);
                break;
        }
    }

    public static ProtocolDecoder? ForEtherType(ushort etherType)
    {
        foreach (var (type, decoder) in Layer2)
        {
            if (type == etherType)
            {
                return decoder;
            }
        }

        return null;
    }

    private static ProtocolDecoder[]?[] PortTable(bool tcp)
    {
        var table = new ProtocolDecoder[]?[65536];
        foreach (var decoder in Decoders)
        {
            if (tcp ? !decoder.Tcp : !decoder.Udp)
            {
                continue;
            }

            foreach (var port in decoder.Ports)
            {
                table[port] = [.. table[port] ?? [], decoder];
            }
        }

        return table;
    }

    private static ProtocolDecoder?[] BuildByProtocol()
    {
        var table = new ProtocolDecoder?[Enum.GetValues<ProtocolId>().Length];
        foreach (var decoder in Decoders.Concat(Layer2.Select(l => l.Decoder)))
        {
            table[(int)decoder.Protocol] ??= decoder;
        }

        return table;
    }
}
