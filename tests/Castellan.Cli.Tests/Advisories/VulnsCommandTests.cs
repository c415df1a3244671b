using System.Text.Json;
using Castellan.Tests;

namespace Castellan.Cli.Tests.Advisories;

public sealed class VulnsCommandTests
{
    private static string Advisory(string year, string file) => TestPaths.RequireTestData("csaf", "cisa-ot", year, file);

    /// <summary>The device passive discovery finds, put into a workspace below a SCADA zone, as the zone owner would.</summary>
    private static async Task<(string Workspace, string AssetId)> DiscoveredWorkspaceAsync(string db)
    {
        var capture = TestPaths.RequireTestData("pcap", "icsnpp", "enip", "tests", "traces", "enip_cip_example.pcap");
        var discover = await CliRun.RunAsync(db, "discover", capture, "--format", "json");
        discover.ExitCode.ShouldBe(0, discover.Error);
        using var json = JsonDocument.Parse(discover.Out);
        var device = json.RootElement.GetProperty("devices").EnumerateArray().Single(d => d.TryGetProperty("ip", out var ip) && ip.GetString() == "10.1.1.164");
        string Field(string name) => device.GetProperty(name).GetString()!;
        var id = "enip-" + Field("ip").Replace('.', '-');
        var yaml = $"""
            castellan: 1
            organisation: Discovery test
            sites:
              - id: plant
                name: Plant
            zones:
              - id: control
                site: plant
                name: Control
                purdue: 1
                criticality: high
                slt: "2 2 2 1 2 1 2"
              - id: scada
                site: plant
                name: SCADA
                purdue: 2
                slt: "2 2 2 1 2 1 2"
            conduits:
              - id: scada-to-control
                site: plant
                name: SCADA to control
                from: scada
                to: control
            assets:
              - id: {id}
                name: Discovered {Field("product")}
                type: {Field("role")}
                vendor: "{Field("vendor")}"
                model: "{Field("product")}"
                firmware: "{Field("firmware")}"
                ip: [{Field("ip")}]
                mac: ["{Field("mac")}"]
                zone: control
            """;
        var path = Path.Combine(TestPaths.TempDirectory(), "plant.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return (path, id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Vulns_DiscoveredEnbt_IsAffectedByCve201817924UntilDismissed(string provider)
    {
        var db = await CliRun.NewDatabaseAsync(provider);
        var (workspace, assetId) = await DiscoveredWorkspaceAsync(db);
        var advisory = Advisory("2018", "icsa-18-310-02.json");
        (await CliRun.RunAsync(db, "advisories", "import", advisory)).ExitCode.ShouldBe(0);

        var run = await CliRun.RunAsync(db, "vulns", workspace, "--format", "json");

        run.ExitCode.ShouldBe(1, run.Error);
        using (var json = JsonDocument.Parse(run.Out))
        {
            var asset = json.RootElement.GetProperty("assets").EnumerateArray().Single();
            asset.GetProperty("asset").GetString().ShouldBe(assetId);
            asset.GetProperty("model").GetString().ShouldBe("1756-ENBT/A");
            asset.GetProperty("zone").GetString().ShouldBe("control");
            asset.GetProperty("slt").GetString().ShouldBe("2 2 2 1 2 1 2");
            asset.GetProperty("exposure").GetString().ShouldBe("less-trusted-zone");
            asset.GetProperty("reachability")[0].GetProperty("conduit").GetString().ShouldBe("scada-to-control");
            var vulnerability = asset.GetProperty("vulnerabilities").EnumerateArray().Single(v => v.GetProperty("cve").GetString() == "CVE-2018-17924");
            vulnerability.GetProperty("advisory").GetString().ShouldBe("ICSA-18-310-02");
            vulnerability.GetProperty("cvss").GetDouble().ShouldBe(8.6);
            vulnerability.GetProperty("confidence").GetString().ShouldBe("exact");
            vulnerability.GetProperty("remediations").GetArrayLength().ShouldBeGreaterThan(0);
        }

        (await CliRun.RunAsync(db, "vulns", "status", "ICSA-18-310-02", "--asset", assetId, "--state", "scheduled")).ExitCode.ShouldBe(2);
        (await CliRun.RunAsync(db, "vulns", "status", "ICSA-18-310-02", "--asset", assetId, "--state", "evaluating", "--by", "OT lead")).ExitCode.ShouldBe(0);
        (await CliRun.RunAsync(db, "vulns", "status", "ICSA-18-310-02", "--asset", assetId, "--state", "scheduled", "--due", "2027-03-14")).ExitCode.ShouldBe(0);
        using (var json = JsonDocument.Parse((await CliRun.RunAsync(db, "vulns", workspace, "--format", "json")).Out))
        {
            var patch = json.RootElement.GetProperty("assets")[0].GetProperty("vulnerabilities")[0].GetProperty("patch");
            patch.GetProperty("state").GetString().ShouldBe("scheduled");
            patch.GetProperty("due").GetString().ShouldBe("2027-03-14");
        }

        var dismiss = await CliRun.RunAsync(db, "vulns", "dismiss", "ICSA-18-310-02", "--asset", assetId, "--reason", "module replaced by 1756-EN2T", "--by", "OT lead");
        dismiss.ExitCode.ShouldBe(0, dismiss.Error);
        (await CliRun.RunAsync(db, "advisories", "import", advisory)).ExitCode.ShouldBe(0);
        var after = await CliRun.RunAsync(db, "vulns", workspace, "--format", "json");

        after.ExitCode.ShouldBe(0, after.Error);
        using var again = JsonDocument.Parse(after.Out);
        again.RootElement.GetProperty("assets").GetArrayLength().ShouldBe(0);
        again.RootElement.GetProperty("dismissed").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Vulns_AdvisoriesFolderAndEveryFormat_ReportTheSameAsset()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        var (workspace, assetId) = await DiscoveredWorkspaceAsync(db);
        var folder = TestPaths.TempDirectory();
        File.Copy(Advisory("2018", "icsa-18-310-02.json"), Path.Combine(folder, "icsa-18-310-02.json"));

        foreach (var format in new[] { "table", "csv", "html", "json" })
        {
            var run = await CliRun.RunAsync(db, "vulns", workspace, "--advisories", folder, "--format", format);
            run.ExitCode.ShouldBe(1, run.Error);
            run.Out.ShouldContain(assetId);
            run.Out.ShouldContain("CVE-2018-17924");
        }
    }

    [Fact]
    public async Task Dismiss_WithoutReasonOrUnknownAdvisory_IsAUsageError()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        (await CliRun.RunAsync(db, "vulns", "dismiss", "ICSA-00-000-00", "--asset", "a", "--reason", "r")).ExitCode.ShouldBe(2);
        (await CliRun.RunAsync(db, "vulns", "dismiss", "ICSA-00-000-00", "--asset", "a")).ExitCode.ShouldBe(2);
    }
}
