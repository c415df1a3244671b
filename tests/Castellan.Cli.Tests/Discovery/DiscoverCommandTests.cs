using System.Text.Json;
using Castellan.Tests;

namespace Castellan.Cli.Tests.Discovery;

public sealed class DiscoverCommandTests
{
    private static string Db() => Path.Combine(TestPaths.TempDirectory(), "unused.db");

    [Fact]
    public async Task Discover_Json_DevicesConversationsEmptyFindingsStatsInStableOrder()
    {
        var capture = TestPaths.RequireTestData("pcap", "icsnpp", "enip", "tests", "traces", "enip_cip_example.pcap");

        var first = await CliRun.RunAsync(Db(), "discover", capture, "--format", "json");
        var second = await CliRun.RunAsync(Db(), "discover", capture, "--format", "json");

        first.ExitCode.ShouldBe(0, first.Error);
        second.Out.ShouldBe(first.Out);
        var root = JsonDocument.Parse(first.Out).RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["devices", "conversations", "findings", "stats"]);
        root.GetProperty("findings").GetArrayLength().ShouldBe(0);
        root.GetProperty("stats").GetProperty("packets").GetInt64().ShouldBe(776);
        root.GetProperty("stats").GetProperty("bytes").GetInt64().ShouldBe(81493);
        root.GetProperty("stats").GetProperty("skipped").GetInt64().ShouldBe(0);
        var plc = root.GetProperty("devices").EnumerateArray().Single(d => d.TryGetProperty("ip", out var ip) && ip.GetString() == "10.1.1.164");
        plc.GetProperty("role").GetString().ShouldBe("plc");
        plc.GetProperty("vendor").GetString().ShouldBe("Rockwell Automation/Allen-Bradley");
        plc.GetProperty("product").GetString().ShouldBe("1756-ENBT/A");
        plc.GetProperty("firmware").GetString().ShouldBe("4.3");
        root.GetProperty("conversations").EnumerateArray().ShouldContain(c => c.GetProperty("protocol").GetString() == "enip"
            && c.GetProperty("notable").EnumerateArray().Any(n => n.GetString() == "CIP write (set attribute / write tag)"));
    }

    [Fact]
    public async Task Discover_UnsupportedLinkTypeAmongOthers_Exit1NamingTheFileOthersReported()
    {
        var zigbee = TestPaths.RequireTestData("pcap", "iti", "Zigbee_control4-sample.pcap");
        var modbus = TestPaths.RequireTestData("pcap", "iti", "ModbusTCP_modbus_test_data_part1.pcap");

        var run = await CliRun.RunAsync(Db(), "discover", zigbee, modbus, "--format", "json");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain($"{zigbee}: unsupported link type 195");
        var root = JsonDocument.Parse(run.Out).RootElement;
        root.GetProperty("stats").GetProperty("packets").GetInt64().ShouldBe(118);
        root.GetProperty("conversations").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Discover_CsvAndTable_OneRowPerDeviceAndConversation()
    {
        var capture = TestPaths.RequireTestData("pcap", "iti", "ModbusTCP_modbus_test_data_part1.pcap");

        var csv = await CliRun.RunAsync(Db(), "discover", capture, "--format", "csv");
        var table = await CliRun.RunAsync(Db(), "discover", capture);

        csv.ExitCode.ShouldBe(0, csv.Error);
        csv.Out.ShouldStartWith("ip,mac,role,");
        csv.Out.ShouldContain("\r\n\r\nclient,server,transport,protocol,");
        table.Out.ShouldContain("Devices (");
        table.Out.ShouldContain("Conversations (");
        table.Out.ShouldContain("modbus");
    }

    [Fact]
    public async Task Discover_NotACapture_Exit1WithTheReason()
    {
        var path = Path.Combine(TestPaths.TempDirectory(), "notes.txt");
        await File.WriteAllTextAsync(path, "not a capture");

        var run = await CliRun.RunAsync(Db(), "discover", path);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain($"{path}: not a pcap or pcapng capture");
    }
}
