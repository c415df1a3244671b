using System.Text.Json;
using Castellan.Tests;

namespace Castellan.Cli.Tests.Advisories;

/// <summary>Open patch items as findings of `castellan check` and risk inputs of `castellan risk` and the CRS (IEC 62443-3-2 ZCR 5.2).</summary>
public sealed class OpenVulnerabilitiesTests
{
    private const string Advisory = "ICSA-18-310-02";

    private static async Task<string> WorkspaceAsync()
    {
        var path = Path.Combine(TestPaths.TempDirectory(), "plant.yaml");
        await File.WriteAllTextAsync(path, """
            castellan: 1
            organisation: Vulnerability inputs test
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
              - id: enbt-1
                name: Backwash ENBT
                type: plc
                vendor: Rockwell Automation
                model: 1756-ENBT/A
                firmware: "4.3"
                zone: control
            risk:
              matrix:
                likelihood: [rare, possible, likely]
                impact: [minor, major, severe]
                bands: [low, medium, high]
                tolerable: medium
                cells:
                  rare: [low, low, medium]
                  possible: [low, medium, high]
                  likely: [medium, high, high]
              assessments:
                - id: RA-1
                  scenarios:
                    - id: R-1
                      title: Denial of service of the control network module
                      scope: zone:control
                      threatSource: outsider via SCADA
                      vector: network
                      vulnerabilities: ["CVE-2018-17924 on the ENBT module"]
                      consequences:
                        - { category: production, impact: major }
                      likelihood: possible
                      residual: { likelihood: rare, impact: major }
            """);
        return path;
    }

    private static IEnumerable<JsonElement> Findings(CliRun run, string rule) =>
        JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == rule).ToList();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Check_ImportedAdvisory_IsAFindingUntilMitigatedAndAnAcceptedRiskIsANote(string provider)
    {
        var db = await CliRun.NewDatabaseAsync(provider);
        var workspace = await WorkspaceAsync();
        var before = await CliRun.RunAsync(db, "check", workspace, "--format", "json");
        Findings(before, "open-vulnerability").ShouldBeEmpty();
        JsonDocument.Parse(before.Out).RootElement.GetProperty("summary").GetProperty("advisories").ValueKind.ShouldBe(JsonValueKind.Null);
        (await CliRun.RunAsync(db, "advisories", "import", TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json"))).ExitCode.ShouldBe(0);

        var open = await CliRun.RunAsync(db, "check", workspace, "--format", "json");

        open.ExitCode.ShouldBe(1, open.Error);
        var finding = Findings(open, "open-vulnerability").Single();
        finding.GetProperty("severity").GetString().ShouldBe("error"); // reachable from SCADA, high criticality
        finding.GetProperty("objects").EnumerateArray().Select(o => o.GetString()).ShouldBe(["asset:enbt-1", $"advisory:{Advisory}"]);
        finding.GetProperty("message").GetString()!.ShouldContain("CVE-2018-17924");
        JsonDocument.Parse(open.Out).RootElement.GetProperty("summary").GetProperty("openVulnerabilities").GetInt32().ShouldBe(1);
        (await CliRun.RunAsync(db, "check", workspace, "--no-advisories")).Out.ShouldNotContain("open-vulnerability");

        (await CliRun.RunAsync(db, "vulns", "status", Advisory, "--asset", "enbt-1", "--state", "mitigated", "--countermeasure", "allow-list on the SCADA conduit")).ExitCode.ShouldBe(0);
        Findings(await CliRun.RunAsync(db, "check", workspace, "--format", "json"), "open-vulnerability").ShouldBeEmpty();

        (await CliRun.RunAsync(db, "vulns", "status", Advisory, "--asset", "enbt-1", "--state", "risk-accepted", "--note", "replaced in 2027", "--by", "plant manager")).ExitCode.ShouldBe(0);
        var accepted = await CliRun.RunAsync(db, "check", workspace, "--format", "json");
        Findings(accepted, "open-vulnerability").ShouldBeEmpty();
        Findings(accepted, "accepted-vulnerability").Single().GetProperty("severity").GetString().ShouldBe("info");

        (await CliRun.RunAsync(db, "vulns", "status", Advisory, "--asset", "enbt-1", "--state", "open")).ExitCode.ShouldBe(0);
        (await CliRun.RunAsync(db, "vulns", "dismiss", Advisory, "--asset", "enbt-1", "--reason", "module already replaced")).ExitCode.ShouldBe(0);
        var dismissed = await CliRun.RunAsync(db, "check", workspace, "--format", "json");
        Findings(dismissed, "open-vulnerability").ShouldBeEmpty();
        Findings(dismissed, "accepted-vulnerability").ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RiskAndCrs_OpenVulnerability_IsAnInputOfTheZoneNamedByItsScenario(string provider)
    {
        var db = await CliRun.NewDatabaseAsync(provider);
        var workspace = await WorkspaceAsync();
        (await CliRun.RunAsync(db, "advisories", "import", TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json"))).ExitCode.ShouldBe(0);

        var risk = await CliRun.RunAsync(db, "risk", workspace, "--format", "json");
        var crs = await CliRun.RunAsync(db, "crs", workspace, "--zone", "control", "--format", "json");
        var table = await CliRun.RunAsync(db, "risk", workspace);

        risk.ExitCode.ShouldBe(0, risk.Error);
        var vulnerabilities = JsonDocument.Parse(risk.Out).RootElement.GetProperty("vulnerabilities");
        vulnerabilities.GetProperty("advisories").GetInt32().ShouldBe(1);
        var zone = vulnerabilities.GetProperty("zones").EnumerateArray().Single();
        zone.GetProperty("zone").GetString().ShouldBe("control");
        var input = zone.GetProperty("inputs").EnumerateArray().Single();
        input.GetProperty("advisory").GetString().ShouldBe(Advisory);
        input.GetProperty("state").GetString().ShouldBe("open");
        input.GetProperty("exposure").GetString().ShouldBe("less-trusted-zone");
        input.GetProperty("scenarios").EnumerateArray().Select(s => s.GetString()).ShouldBe(["R-1"]);
        crs.ExitCode.ShouldBe(0, crs.Error);
        JsonDocument.Parse(crs.Out).RootElement.GetProperty("vulnerabilities").EnumerateArray().Single().GetProperty("cves").EnumerateArray()
            .Select(c => c.GetString()).ShouldContain("CVE-2018-17924");
        table.Out.ShouldContain("Known vulnerabilities (ZCR 5.2): 1 open");

        (await CliRun.RunAsync(db, "vulns", "status", Advisory, "--asset", "enbt-1", "--state", "patched")).ExitCode.ShouldBe(0);
        var patched = JsonDocument.Parse((await CliRun.RunAsync(db, "risk", workspace, "--format", "json")).Out).RootElement.GetProperty("vulnerabilities");
        patched.GetProperty("zones").GetArrayLength().ShouldBe(0);
    }
}
