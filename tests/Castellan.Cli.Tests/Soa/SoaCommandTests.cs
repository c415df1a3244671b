using System.Text.Json;
using Castellan.Tests;

namespace Castellan.Cli.Tests.Soa;

public sealed class SoaCommandTests
{
    private static string Sample(string name) => Path.Combine(TestPaths.RepositoryRoot, "samples", "soa", name);

    [Fact]
    public async Task Check_A2013Soa_AccountsForEveryRow()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "soa", "check", Sample("soa-2013.csv"), "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var root = JsonDocument.Parse(run.Out).RootElement;
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        var dataRows = File.ReadAllLines(Sample("soa-2013.csv")).Skip(1).Count(l => l.Trim().Length > 0);
        rows.Count.ShouldBe(dataRows);
        rows.ShouldAllBe(r => r.GetProperty("outcome").GetString() == "converted");
        root.GetProperty("warning").GetString()!.ShouldContain("2013");
    }

    [Fact]
    public async Task Check_RefusedRows_AreNamedAndExit1()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "soa.csv");
        await File.WriteAllTextAsync(file, "Ref;Applicable?;Status\nA.5.15;yes;implemented\nA.99.1;yes;implemented\nA.5.16;maybe;implemented\n");

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "soa", "check", file);

        run.ExitCode.ShouldBe(1);
        run.Out.ShouldContain("3    refused");
        run.Out.ShouldContain("4    refused");
        run.Out.ShouldContain("1 row(s) imported");
    }

    [Fact]
    public async Task Export_WritesAll93ControlsWithFormulasEscaped()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "soa.csv");
        await File.WriteAllTextAsync(file, "Control,Applicable,Status,Owner\nA.5.15,yes,implemented,=HYPERLINK(\"http://x\")\n");

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "soa", "export", file);

        run.ExitCode.ShouldBe(0, run.Error);
        var lines = run.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(94);
        lines.Single(l => l.StartsWith("A.5.15,", StringComparison.Ordinal)).ShouldContain("'=HYPERLINK");
    }
}
