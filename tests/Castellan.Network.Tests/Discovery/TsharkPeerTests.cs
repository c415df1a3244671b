using Castellan.Network.Discovery;
using Castellan.Network.Packets;
using Castellan.Tests;

namespace Castellan.Network.Tests.Discovery;

/// <summary>
/// Every capture of ../shared/testdata/pcap/iti read against what tshark counts in it (Expected/tshark-iti.txt,
/// generated once by Expected/generate-tshark-totals.sh): frames and bytes per file, and every TCP/UDP
/// conversation with its frames and bytes.
/// </summary>
public sealed class TsharkPeerTests
{
    private static readonly string[] Expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Expected", "tshark-iti.txt"));

    public static TheoryData<string> Files => new(Expected.Where(l => l.StartsWith("file ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]));

    [Theory]
    [MemberData(nameof(Files))]
    public void Run_ItiCapture_TotalsAndConversationsEqualTshark(string name)
    {
        var path = TestPaths.RequireTestData("pcap", "iti", name);
        var result = new DiscoverNetwork().Run([path]);

        var file = Expected.Single(l => l.StartsWith($"file {name} ", StringComparison.Ordinal)).Split(' ');
        var input = result.Stats.Inputs.ShouldHaveSingleItem();
        input.Error.ShouldBeNull();
        input.Skipped.ShouldBe(0);
        input.Packets.ShouldBe(long.Parse(file[3]));
        input.Bytes.ShouldBe(long.Parse(file[5]));

        var expected = Expected.Where(l => l.StartsWith($"conv {name} ", StringComparison.Ordinal)).Select(l => l.Split(' '))
            .Select(p => $"{p[2]} {p[3]} {p[4]} frames {p[6]} bytes {p[8]}").Order(StringComparer.Ordinal).ToList();
        var actual = result.Conversations.Where(c => c.Transport is Transport.Tcp or Transport.Udp)
            .Select(c => Line(c)).Order(StringComparer.Ordinal).ToList();
        actual.ShouldBe(expected);

        foreach (var transport in new[] { "tcp", "udp" })
        {
            var frames = long.Parse(Expected.Single(l => l.StartsWith($"convframes {name} {transport} ", StringComparison.Ordinal)).Split(' ')[3]);
            result.Conversations.Where(c => c.Transport.ToWire() == transport).Sum(c => c.Packets).ShouldBe(frames);
        }
    }

    [Fact]
    public void Run_ZigbeeCapture_RefusedByLinkTypeOthersStillRead()
    {
        var zigbee = TestPaths.RequireTestData("pcap", "iti", "Zigbee_control4-sample.pcap");
        var modbus = TestPaths.RequireTestData("pcap", "iti", "ModbusTCP_modbus_test_data_part1.pcap");
        Expected.ShouldContain("unsupported Zigbee_control4-sample.pcap 195");

        var result = new DiscoverNetwork().Run([zigbee, modbus]);

        result.Stats.Inputs[0].Error.ShouldNotBeNull().ShouldStartWith("unsupported link type 195");
        result.Stats.Inputs[1].Error.ShouldBeNull();
        result.Stats.Packets.ShouldBe(118);
        result.Conversations.ShouldNotBeEmpty();
    }

    private static string Line(Conversation c)
    {
        var a = $"{c.Client.Ip}:{c.Client.Port}";
        var b = $"{c.Server.Ip}:{c.Server.Port}";
        var (first, second) = string.CompareOrdinal(c.Client.Ip.ToString(), c.Server.Ip.ToString()) switch
        {
            < 0 => (a, b),
            > 0 => (b, a),
            _ => c.Client.Port <= c.Server.Port ? (a, b) : (b, a),
        };
        return $"{c.Transport.ToWire()} {first} {second} frames {c.Packets} bytes {c.Bytes}";
    }
}
