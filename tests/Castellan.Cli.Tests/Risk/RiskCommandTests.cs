using System.Text.Json;
using Castellan.Tests;

namespace Castellan.Cli.Tests.Risk;

public sealed class RiskCommandTests
{
    private static readonly string Plant = Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml");

    [Fact]
    public async Task Risk_Json_ListsEveryRiskAgainstTheTolerableLine()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "risk", Plant, "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var root = JsonDocument.Parse(run.Out).RootElement;
        var risks = root.GetProperty("risks").EnumerateArray().ToList();
        risks.Count.ShouldBe(12);
        var scada = risks.Single(r => r.GetProperty("id").GetString() == "R-01");
        scada.GetProperty("scope").GetString().ShouldBe("zone:scada");
        scada.GetProperty("inherent").GetString().ShouldBe("high");
        scada.GetProperty("residual").GetString().ShouldBe("moderate");
        scada.GetProperty("tolerable").GetBoolean().ShouldBeTrue();
        scada.GetProperty("treatment").GetString().ShouldBe("mitigate");
        var sis = risks.Single(r => r.GetProperty("id").GetString() == "R-06");
        sis.GetProperty("tolerable").GetBoolean().ShouldBeFalse();
        sis.GetProperty("accepted").GetBoolean().ShouldBeTrue();
        root.GetProperty("derivations").EnumerateArray().ShouldAllBe(d => d.GetProperty("consistent").GetBoolean());
    }

    [Fact]
    public async Task Risk_Json_DerivesTheSoaReasonsFromMitigatingTreatments()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "risk", Plant, "--format", "json");

        var reasons = JsonDocument.Parse(run.Out).RootElement.GetProperty("soaReasons").EnumerateArray().ToList();
        var segregation = reasons.Single(r => r.GetProperty("control").GetString() == "A.8.22");
        segregation.GetProperty("reason").GetString().ShouldBe("risk assessment");
        segregation.GetProperty("risks").EnumerateArray().Select(r => r.GetString()).ShouldBe(["R-01", "R-02", "R-11"]);
        reasons.ShouldNotContain(r => r.GetProperty("control").GetString()!.StartsWith("SR", StringComparison.Ordinal));
        reasons.Select(r => r.GetProperty("control").GetString()).First().ShouldBe("A.5.19");
    }

    [Fact]
    public async Task Risk_Table_ShowsTheRegisterAndItsSummary()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "risk", Plant);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("R-04  zone:dosing");
        run.Out.ShouldContain("12 risk(s); tolerable up to 'moderate'; 1 residual risk(s) above it (1 accepted)");
    }

    [Fact]
    public async Task Risk_Html_IsAWholeDocumentWithoutScript()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "risk", Plant, "--format", "html");

        run.Out.ShouldStartWith("<!DOCTYPE html>");
        run.Out.ShouldContain("Manipulated chlorine dosing setpoint");
        run.Out.ShouldNotContain("<script");
    }

    [Fact]
    public async Task RiskSlt_ShowsTheDerivationStepByStep()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "risk", "slt", Plant, "--zone", "scada");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("Zone scada — SL-T derivation (risk-reduction)");
        run.Out.ShouldContain("Worst unmitigated risk: 'high' (R-01: possible × major).");
        run.Out.ShouldContain("reduction needed: 2 band(s)");
        run.Out.ShouldContain("FR 4 (DC) set to 1");
        run.Out.ShouldContain("Recorded SL-T: 2 2 2 1 2 2 2 — matches.");
    }

    [Fact]
    public async Task RiskSlt_AnOverride_IsShownWithItsReason()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "risk", "slt", Plant, "--zone", "sis");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("Derived SL-T: 4 4 4 1 4 2 4.");
        run.Out.ShouldContain("Overridden by hand to 3 3 3 1 3 2 3: SL 4 is not achievable");
    }

    [Fact]
    public async Task RiskSlt_UnknownZone_IsAUsageError()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "risk", "slt", Plant, "--zone", "nowhere");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("no zone 'nowhere'");
    }

    [Fact]
    public async Task RiskHeatmap_WritesTheSameSvgTwice_WithoutScript()
    {
        var dir = TestPaths.TempDirectory();
        var database = await CliRun.NewDatabaseAsync("sqlite");

        var first = await CliRun.RunAsync(database, "risk", "heatmap", Plant, "-o", Path.Combine(dir, "a.svg"));
        await CliRun.RunAsync(database, "risk", "heatmap", Plant, "-o", Path.Combine(dir, "b.svg"));

        first.ExitCode.ShouldBe(0, first.Error);
        var svg = await File.ReadAllTextAsync(Path.Combine(dir, "a.svg"));
        svg.ShouldStartWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        svg.ShouldContain("Inherent (unmitigated)");
        svg.ShouldContain("Residual (after treatment)");
        svg.ShouldNotContain("<script");
        (await File.ReadAllTextAsync(Path.Combine(dir, "b.svg"))).ShouldBe(svg);
    }

    [Fact]
    public async Task Risk_AWorkspaceWithoutARegister_IsRefused()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "plain.yaml");
        var text = await File.ReadAllTextAsync(Plant);
        await File.WriteAllTextAsync(file, text[..text.IndexOf("\nrisk:", StringComparison.Ordinal)]);

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "risk", file);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("plain.yaml: the workspace has no risk register");
    }

    [Fact]
    public async Task Check_ASafetyConsequenceWithoutPha_IsAFinding()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "nopha.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Plant)).Replace(
            ", pha: \"HAZOP-NWTP-2025 node 8 (disinfection), independent lab sampling\"", "", StringComparison.Ordinal));

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "check", file, "--format", "json");

        JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("rule").GetString() == "safety-consequence-without-pha-link")
            .ShouldHaveSingleItem().GetProperty("objects")[0].GetString().ShouldBe("risk:R-11");
    }

    [Fact]
    public async Task Gap_WithAWorkspace_OrdersActionsByTheRiskTheyLeave()
    {
        var database = await CliRun.NewDatabaseAsync("sqlite");
        var soa = Path.Combine(TestPaths.RepositoryRoot, "samples", "soa", "soa-2022.csv");

        var plain = await CliRun.RunAsync(database, "gap", "--soa", soa, "--target", "iec62443-3-3-2013@SL2", "--format", "json");
        var weighted = await CliRun.RunAsync(database, "gap", "--soa", soa, "--target", "iec62443-3-3-2013@SL2", "--format", "json", "--workspace", Plant);
        var table = await CliRun.RunAsync(database, "gap", "--soa", soa, "--target", "iec62443-3-3-2013@SL2", "--workspace", Plant);

        weighted.ExitCode.ShouldBe(0, weighted.Error);
        var before = Actions(plain.Out);
        var after = Actions(weighted.Out);
        after.Order(StringComparer.Ordinal).ShouldBe(before.Order(StringComparer.Ordinal));
        after[0].ShouldBe("SR 3.4"); // R-06, the accepted SIS risk, is the worst residual risk of the register
        after.ShouldNotBe(before);
        table.Out.ShouldContain("[R-06 (significant)]");
    }

    private static List<string> Actions(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return [.. root.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];
    }

    [Fact]
    public async Task RiskSlt_ADepartedSlt_ExitsOne_AndWriteRecordsTheDerivationOnTheZone()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "departed.yaml");
        var text = await File.ReadAllTextAsync(Plant);
        var at = text.IndexOf("  - id: scada\n", StringComparison.Ordinal);
        var slt = text.IndexOf("slt: \"2 2 2 1 2 2 2\"", at, StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, text[..slt] + "slt: \"2 2 2 2 2 2 2\"" + text[(slt + "slt: \"2 2 2 1 2 2 2\"".Length)..]);
        var database = await CliRun.NewDatabaseAsync("sqlite");

        var departed = await CliRun.RunAsync(database, "risk", "slt", file, "--zone", "scada");
        var written = await CliRun.RunAsync(database, "risk", "slt", file, "--zone", "scada", "--write");
        var after = await CliRun.RunAsync(database, "risk", "slt", file);

        departed.ExitCode.ShouldBe(1);
        departed.Out.ShouldContain("Recorded SL-T: 2 2 2 2 2 2 2 — differs from 2 2 2 1 2 2 2.");
        written.ExitCode.ShouldBe(0, written.Error);
        after.ExitCode.ShouldBe(0, after.Out);
        (await File.ReadAllTextAsync(file)).ShouldContain("sltRationale: \"R-01 is high unmitigated, two bands above the tolerable line.\"");
    }

    [Fact]
    public async Task Risk_Timings_ReportsLoadAndRegisterTimes()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "risk", Plant, "--timings");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Error.ShouldMatch(@"timings: load \d+ ms, register \(12 risks\) \+ 11 derivations \+ SoA reasons [\d.]+ ms");
    }
}
