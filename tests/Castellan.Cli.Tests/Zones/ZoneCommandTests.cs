using System.Text.Json;
using Castellan.Tests;

namespace Castellan.Cli.Tests.Zones;

public sealed class ZoneCommandTests
{
    private static readonly string Plant = Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml");

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Check_TheReferencePlant_ReportsExactlyItsDeliberateFindings(string provider)
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync(provider), "check", Plant, "--format", "json");

        run.ExitCode.ShouldBe(1, run.Error);
        var root = JsonDocument.Parse(run.Out).RootElement;
        var findings = root.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("rule").GetString(), Objects: string.Join(" ", f.GetProperty("objects").EnumerateArray().Select(o => o.GetString())))).ToList();
        findings.Where(f => f.Rule != "sla-below-slt").ShouldBe([
            ("flow-without-conduit", "flow:ops-pi-01->plc-dosing-01 zone:operations zone:dosing"),
            ("component-slc-below-slt", "asset:plc-dosing-01 zone:dosing"),
            ("conduit-slt-below-zone", "conduit:scada-to-dosing zone:dosing"),
            ("legacy-without-compensation", "asset:hmi-dosing-legacy"),
        ]);
        root.GetProperty("findings")[0].GetProperty("clause").GetString().ShouldBe("IEC 62443-3-2 ZCR 3.1");
        root.GetProperty("findings")[0].GetProperty("fix").GetString().ShouldNotBeNullOrEmpty();
        var scada = root.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("id").GetString() == "scada");
        scada.GetProperty("sla").EnumerateArray().Select(l => l.GetInt32()).ShouldBe([2, 2, 2, 1, 2, 1, 1]);
        scada.GetProperty("gap").EnumerateArray().Select(l => l.GetInt32()).ShouldBe([0, 0, 0, 0, 0, 1, 1]);
    }

    [Fact]
    public async Task Zones_ListsSltSlaAndGap()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "zones", Plant, "--format", "csv");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("filtration,1,2 2 2 1 2 1 2,2 2 1 1 2 1 2,0 0 1 0 0 0 0,Filtration control");
    }

    [Fact]
    public async Task Crs_ForAZone_ListsItsRequirementsWithResults()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "crs", Plant, "--zone", "filtration", "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var root = JsonDocument.Parse(run.Out).RootElement;
        root.GetProperty("zone").GetProperty("slt").GetString().ShouldBe("2 2 2 1 2 1 2");
        var requirements = root.GetProperty("requirements").EnumerateArray().ToList();
        requirements.ShouldContain(r => r.GetProperty("id").GetString() == "SR 3.4" && r.GetProperty("status").GetString() == "not-met");
        requirements.ShouldContain(r => r.GetProperty("id").GetString() == "SR 1.1 RE 1");
        requirements.ShouldNotContain(r => r.GetProperty("id").GetString() == "SR 1.1 RE 2");
    }

    [Fact]
    public async Task Crs_CarriesTheZonesRiskInputs()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "crs", Plant, "--zone", "dosing", "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var risks = JsonDocument.Parse(run.Out).RootElement.GetProperty("risks").EnumerateArray().ToList();
        risks.ShouldNotBeEmpty();
        risks.ShouldAllBe(r => r.GetProperty("inherent").GetString()!.Length > 0 && r.GetProperty("residual").GetString()!.Length > 0);
    }

    [Fact]
    public async Task Crs_Html_IsAWholeDocument()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "crs.html");

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "crs", Plant, "--zone", "sis", "-o", file);

        run.ExitCode.ShouldBe(0, run.Error);
        var html = await File.ReadAllTextAsync(file);
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("ZCR 6.4");
        html.ShouldNotContain("<script");
    }

    [Fact]
    public async Task Check_ABrokenWorkspace_NamesFileLineAndField()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "broken.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Plant)).Replace("purdue: 3.5", "purdue: 3.7", StringComparison.Ordinal));

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "check", file);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldMatch(@"castellan: broken\.yaml:\d+: zone '[a-z-]+', field 'purdue': '3\.7' is not a Purdue level");
    }

    [Fact]
    public async Task Crs_UnknownZone_IsAUsageError()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "crs", Plant, "--zone", "nowhere");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("no zone 'nowhere'");
    }
}
