using Castellan.Network.Protocols;
using Castellan.Network.Discovery;
using Castellan.Network.Packets;
using Castellan.Tests;

namespace Castellan.Network.Tests.Discovery;

/// <summary>
/// The ICSNPP captures against what Zeek + the CISA ICS parsers logged for them (../shared/testdata/pcap/icsnpp):
/// the same connections (hosts, ports, transport, client side) and the same device identities.
/// </summary>
public sealed class ZeekBaselineTests
{
    public static TheoryData<string, string> Traces => new()
    {
        { "modbus/testing/traces/modbus_example.pcap", "modbus/testing/baseline/analyzer.basic/conn.log" },
        { "enip/tests/traces/enip_cip_example.pcap", "enip/tests/baseline/analyzer.basic/conn.log" },
        { "s7comm/tests/traces/s7comm_plus.pcap", "s7comm/tests/baseline/analyzer.s7comm_plus/conn.log" },
        { "s7comm/tests/traces/snap7.pcap", "s7comm/tests/baseline/analyzer.snap7/conn.log" },
    };

    [Theory]
    [MemberData(nameof(Traces))]
    public void Run_IcsnppTrace_ConversationsEqualZeekConnLog(string trace, string baseline)
    {
        var capture = TestPaths.RequireTestData("pcap", "icsnpp", trace);
        var conn = TestPaths.RequireTestData("pcap", "icsnpp", baseline);

        var result = new DiscoverNetwork().Run([capture]);

        var actual = result.Conversations.Where(c => c.Transport is Transport.Tcp or Transport.Udp or Transport.Icmp or Transport.Icmpv6)
            .Select(c => $"{c.Client.Ip} {c.Client.Port} {c.Server.Ip} {c.Server.Port} {(c.Transport is Transport.Icmpv6 ? "icmp" : c.Transport.ToWire())}")
            .Order(StringComparer.Ordinal).ToList();
        actual.ShouldBe(ZeekConnections(conn));
    }

    [Fact]
    public void Run_EnipExample_IdentityEqualsZeekCipIdentity()
    {
        var capture = TestPaths.RequireTestData("pcap", "icsnpp", "enip", "tests", "traces", "enip_cip_example.pcap");
        var log = File.ReadAllLines(TestPaths.RequireTestData("pcap", "icsnpp", "enip", "tests", "baseline", "analyzer.basic", "cip_identity.log"))
            .Single(l => !l.StartsWith('#')).Split('\t');

        var device = new DiscoverNetwork().Run([capture]).Devices.Single(d => d.Ip.ToString() == log[12]);

        device.Role.ShouldBe(DeviceRole.Plc);
        var identity = device.Identity.ShouldNotBeNull();
        identity.Vendor.ShouldBe(log[15]);
        identity.Vendor.ShouldBe("Rockwell Automation/Allen-Bradley");
        identity.DeviceType.ShouldBe(log[17]);
        identity.ProductCode.ShouldBe(log[18]);
        identity.Firmware.ShouldBe(log[19]);
        identity.Firmware.ShouldBe("4.3");
        identity.SerialNumber.ShouldBe(log[21]);
        identity.Product.ShouldBe(log[22]);
        identity.Product.ShouldBe("1756-ENBT/A");
        device.Evidence.ShouldContain(e => e.Contains("EtherNet/IP ListIdentity", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_S7Ident_IdentityEqualsZeekKnownDevices()
    {
        var capture = TestPaths.RequireTestData("pcap", "icsnpp", "s7comm", "tests", "traces", "s7ident.pcap");
        var log = File.ReadAllLines(TestPaths.RequireTestData("pcap", "icsnpp", "s7comm", "tests", "baseline", "analyzer.s7ident", "s7comm_known_devices.log"))
            .Single(l => !l.StartsWith('#')).Split('\t');

        var device = new DiscoverNetwork().Run([capture]).Devices.Single(d => d.Ip.ToString() == log[4]);

        var identity = device.Identity.ShouldNotBeNull();
        identity.Name.ShouldBe(log[11]);
        identity.Product.ShouldBe(log[12]);
        identity.SerialNumber.ShouldBe(log[14]);
        identity.OrderNumber.ShouldBe("6ES7 315-2EH14-0AB0");
        identity.Firmware.ShouldBe("V3.2.6");
        device.Role.ShouldBe(DeviceRole.Plc);
    }

    [Fact]
    public void Run_ZeekBaselineFolder_SameConversationsAsTheCapture()
    {
        var folder = TestPaths.RequireTestData("pcap", "icsnpp", "modbus", "testing", "baseline", "analyzer.basic");
        var capture = TestPaths.RequireTestData("pcap", "icsnpp", "modbus", "testing", "traces", "modbus_example.pcap");

        var fromZeek = new DiscoverNetwork().Run([folder]);
        var fromCapture = new DiscoverNetwork().Run([capture]);

        static string Key(Conversation c) => $"{c.Client.Ip}:{c.Client.Port} {c.Server.Ip}:{c.Server.Port} {c.Transport.ToWire()} {c.Protocol.ToWire()}";
        fromZeek.Conversations.Select(Key).ShouldBe(fromCapture.Conversations.Where(c => c.Transport == Transport.Tcp).Select(Key));
        fromZeek.Stats.Inputs.ShouldAllBe(i => i.Error == null);
        var ops = fromZeek.Conversations.SelectMany(c => c.Operations).ToHashSet();
        ops.ShouldContain(Operation.ModbusWriteSingleRegister);
        fromCapture.Conversations.SelectMany(c => c.Operations).ShouldContain(Operation.ModbusWriteSingleRegister);
    }

    [Fact]
    public void Run_ZeekIdentityLogs_DescribeTheDevices()
    {
        var enip = TestPaths.RequireTestData("pcap", "icsnpp", "enip", "tests", "baseline", "analyzer.basic");
        var s7 = TestPaths.RequireTestData("pcap", "icsnpp", "s7comm", "tests", "baseline", "analyzer.s7ident");

        var result = new DiscoverNetwork().Run([enip, s7]);

        result.Devices.Single(d => d.Ip.ToString() == "10.1.1.164").Identity!.Product.ShouldBe("1756-ENBT/A");
        result.Devices.Single(d => d.Ip.ToString() == "10.1.1.164").Identity!.Firmware.ShouldBe("4.3");
        result.Stats.Inputs.ShouldAllBe(i => i.Error == null);
    }

    private static List<string> ZeekConnections(string conn)
    {
        var fields = File.ReadLines(conn).First(l => l.StartsWith("#fields", StringComparison.Ordinal)).Split('\t')[1..];
        int Column(string name) => Array.IndexOf(fields, name);
        return [.. File.ReadLines(conn).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'))
            .Select(r => r[Column("proto")] == "icmp"
                ? $"{r[Column("id.orig_h")]} 0 {r[Column("id.resp_h")]} 0 icmp"
                : $"{r[Column("id.orig_h")]} {r[Column("id.orig_p")]} {r[Column("id.resp_h")]} {r[Column("id.resp_p")]} {r[Column("proto")]}")
            .Order(StringComparer.Ordinal)];
    }
}
