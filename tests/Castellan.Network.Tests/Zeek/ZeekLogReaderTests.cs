using Castellan.Network.Discovery;
using Castellan.Network.Protocols;
using Castellan.Tests;

namespace Castellan.Network.Tests.Zeek;

public sealed class ZeekLogReaderTests
{
    private const string Tsv = "#separator \\x09\n#path\tconn\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\n"
        + "1700000000.500000\t10.0.0.1\t40000\t10.0.0.2\t502\ttcp\tmodbus\t1.5\t10\t600\t9\t540\n"
        + "1700000001.000000\t10.0.0.1\t40001\t10.0.0.3\t53\tudp\t-\t-\t1\t60\t1\t90\n";

    [Fact]
    public void Read_TsvAndJsonLines_SameConversations()
    {
        var folder = TestPaths.TempDirectory();
        File.WriteAllText(Path.Combine(folder, "conn.log"), Tsv);
        var json = Path.Combine(TestPaths.TempDirectory(), "conn.log");
        File.WriteAllText(json,
            "{\"ts\":1700000000.5,\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":40000,\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":502,\"proto\":\"tcp\",\"service\":\"modbus\",\"duration\":1.5,\"orig_pkts\":10,\"orig_ip_bytes\":600,\"resp_pkts\":9,\"resp_ip_bytes\":540,\"tunnel_parents\":[]}\n"
            + "{\"ts\":1700000001.0,\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":40001,\"id.resp_h\":\"10.0.0.3\",\"id.resp_p\":53,\"proto\":\"udp\",\"orig_pkts\":1,\"orig_ip_bytes\":60,\"resp_pkts\":1,\"resp_ip_bytes\":90}\n");

        var fromTsv = new DiscoverNetwork().Run([folder]);
        var fromJson = new DiscoverNetwork().Run([json]);

        static string Key(Conversation c) => $"{c.Client.Ip}:{c.Client.Port}>{c.Server.Ip}:{c.Server.Port}/{c.Transport} {c.Protocol} {c.ClientPackets}/{c.ServerPackets} {c.Bytes} {c.FirstSeenNs} {c.LastSeenNs}";
        fromTsv.Conversations.Select(Key).ShouldBe(fromJson.Conversations.Select(Key));
        var modbus = fromTsv.Conversations[0];
        modbus.Protocol.ShouldBe(ProtocolId.Modbus);
        modbus.ClientPackets.ShouldBe(10);
        modbus.Bytes.ShouldBe(1140);
        modbus.FirstSeenNs.ShouldBe(1_700_000_000_500_000_000);
        modbus.LastSeenNs.ShouldBe(1_700_000_002_000_000_000);
        fromTsv.Conversations[1].Protocol.ShouldBe(ProtocolId.Dns);
        fromTsv.Conversations[1].IdentifiedBy.ShouldBe(Identification.Port);
    }

    [Fact]
    public void Read_UnsetEmptyAndOverlongLines_CountedNotThrown()
    {
        var path = Path.Combine(TestPaths.TempDirectory(), "conn.log");
        File.WriteAllText(path, Tsv + "not\tan\taddress\n" + new string('x', 2 << 20) + "\n" + Tsv.Split('\n')[3] + "\n");

        var result = new DiscoverNetwork().Run([path]);

        result.Stats.Inputs.ShouldHaveSingleItem().Skipped.ShouldBe(2);
        result.Conversations.Count.ShouldBe(2);
        result.Conversations[0].ClientPackets.ShouldBe(20);
    }

    [Fact]
    public void Run_MixedInputsWithABadOne_BadOneNamedOthersRead()
    {
        var folder = TestPaths.TempDirectory();
        var bad = Path.Combine(folder, "notes.txt");
        File.WriteAllText(bad, "hello");
        var conn = Path.Combine(folder, "conn.log");
        File.WriteAllText(conn, Tsv);

        var result = new DiscoverNetwork().Run([bad, conn, Path.Combine(folder, "missing.pcap")]);

        result.Stats.Inputs[0].Error.ShouldNotBeNull().ShouldContain("not a pcap");
        result.Stats.Inputs[1].Error.ShouldBeNull();
        result.Stats.Inputs[2].Error.ShouldBe("no such file or folder");
        result.Conversations.Count.ShouldBe(2);
    }
}
