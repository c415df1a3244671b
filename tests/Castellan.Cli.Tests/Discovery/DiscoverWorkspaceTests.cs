using System.Text.Json;
using Castellan.Tests;

namespace Castellan.Cli.Tests.Discovery;

/// <summary>Passive discovery held against the declared zones and conduits of the reference plant.</summary>
public sealed class DiscoverWorkspaceTests
{
    private static string CopyOfPlant()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "plant.yaml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml"), file);
        return file;
    }

    [Fact]
    public async Task Discover_WithAWorkspace_ReportsUnknownDevicesInTheirZone()
    {
        var capture = TestPaths.RequireTestData("pcap", "icsnpp", "enip", "tests", "traces", "enip_cip_example.pcap");

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "discover", capture, "--workspace", CopyOfPlant(), "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var findings = JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray().ToList();
        var unknown = findings.Single(f => f.GetProperty("rule").GetString() == "device-not-in-inventory" && f.GetProperty("message").GetString()!.Contains("10.1.1.167", StringComparison.Ordinal));
        unknown.GetProperty("objects").EnumerateArray().Select(o => o.GetString()).ShouldContain("zone:filtration");
        findings.ShouldNotContain(f => f.GetProperty("rule").GetString() == "discovered-flow-without-conduit");
        findings.ShouldContain(f => f.GetProperty("rule").GetString() == "asset-not-seen");
        findings.ShouldNotContain(f => f.GetProperty("message").GetString()!.Contains("'enbt-backwash-01' (10.1.1.164) was not seen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discover_Merge_AddsUnknownDevicesOnce()
    {
        var capture = TestPaths.RequireTestData("pcap", "icsnpp", "enip", "tests", "traces", "enip_cip_example.pcap");
        var plant = CopyOfPlant();
        var db = await CliRun.NewDatabaseAsync("sqlite");

        var first = await CliRun.RunAsync(db, "discover", capture, "--workspace", plant, "--merge", "--format", "json");
        var afterFirst = await File.ReadAllTextAsync(plant);
        var second = await CliRun.RunAsync(db, "discover", capture, "--workspace", plant, "--merge", "--format", "json");
        var zones = await CliRun.RunAsync(db, "zones", plant);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Error.ShouldMatch(@"Merged into .*: [1-9]\d* added");
        second.Error.ShouldContain(": 0 added, 0 updated");
        (await File.ReadAllTextAsync(plant)).ShouldBe(afterFirst);
        afterFirst.ShouldContain("ip: [\"10.1.1.167\"]");
        JsonDocument.Parse(second.Out).RootElement.GetProperty("findings").EnumerateArray()
            .ShouldNotContain(f => f.GetProperty("rule").GetString() == "device-not-in-inventory");
        zones.ExitCode.ShouldBe(0, zones.Error);
    }

    [Fact]
    public async Task Discover_MergeWithoutWorkspace_IsAUsageError()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "discover", "nothing.pcap", "--merge");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("--merge needs --workspace");
    }

    [Fact]
    public async Task Discover_ProposeZones_WritesAValidDraftWorkspace()
    {
        var capture = TestPaths.RequireTestData("pcap", "icsnpp", "enip", "tests", "traces", "enip_cip_example.pcap");
        var draft = Path.Combine(TestPaths.TempDirectory(), "draft.yaml");
        var db = await CliRun.NewDatabaseAsync("sqlite");

        var run = await CliRun.RunAsync(db, "discover", capture, "--propose-zones", "-o", draft);
        var check = await CliRun.RunAsync(db, "check", draft, "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var text = await File.ReadAllTextAsync(draft);
        text.ShouldContain("networks: [\"10.1.1.0/24\"]");
        text.ShouldContain("model: \"1756-ENBT/A\"");
        var rules = JsonDocument.Parse(check.Out).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).Distinct().ToList();
        rules.ShouldBe(["missing-slt"]);
    }
}
