using System.Text.Json;
using Castellan.Tests;

namespace Castellan.Cli.Tests.GapAnalysis;

public sealed class GapCommandTests
{
    private static string Sample(string name) => Path.Combine(TestPaths.RepositoryRoot, "samples", "soa", name);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Gap_Json_HasOneResultPerTargetRequirementWithEvidence(string provider)
    {
        var db = await CliRun.NewDatabaseAsync(provider);

        var run = await CliRun.RunAsync(db, "gap", "--soa", Sample("soa-2022.csv"), "--target", "iec62443-3-3-2013@SL2", "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var root = JsonDocument.Parse(run.Out).RootElement;
        root.GetProperty("target").GetString().ShouldBe("iec62443-3-3-2013@SL2");
        var results = root.GetProperty("results").EnumerateArray().ToList();
        var show = await CliRun.RunAsync(db, "catalog", "show", "iec62443-3-3-2013", "--sl", "2", "--format", "json");
        var expected = JsonDocument.Parse(show.Out).RootElement.GetProperty("requirements").EnumerateArray()
            .Where(r => r.GetProperty("assessable").GetBoolean()).Select(r => r.GetProperty("id").GetString()).ToList();
        results.Select(r => r.GetProperty("id").GetString()).ShouldBe(expected);
        results.Single(r => r.GetProperty("id").GetString() == "SR 3.6").GetProperty("status").GetString().ShouldBe("ot-specific");
        var sr11 = results.Single(r => r.GetProperty("id").GetString() == "SR 1.1");
        sr11.GetProperty("evidence").GetArrayLength().ShouldBeGreaterThan(0);
        sr11.GetProperty("evidence")[0].GetProperty("provenance").GetString().ShouldNotBeNullOrEmpty();
        sr11.GetProperty("notes").EnumerateArray().ShouldContain(n => n.GetProperty("id").GetString() == "mfa-hmi");
        root.GetProperty("summary").GetProperty("areas").GetArrayLength().ShouldBe(7);
        root.GetProperty("actions").GetArrayLength().ShouldBe(results.Count(r => r.GetProperty("status").GetString() is "ot-specific" or "not-covered" or "partially-covered"));
    }

    [Fact]
    public async Task Gap_SeveralTargets_AreWrappedAndStable()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        string[] args = ["gap", "--soa", Sample("soa-2022.csv"), "-t", "iec62443-3-3-2013@SL4", "-t", "iec62443-4-2-2019@SL4", "-t", "iec62443-2-1-2024@ML4", "-t", "iec62443-3-2-2020", "--format", "json"];

        var first = await CliRun.RunAsync(db, args);
        var second = await CliRun.RunAsync(db, args);

        first.ExitCode.ShouldBe(0, first.Error);
        second.Out.ShouldBe(first.Out);
        JsonDocument.Parse(first.Out).RootElement.GetProperty("analyses").EnumerateArray().Select(a => a.GetProperty("target").GetString())
            .ShouldBe(["iec62443-3-3-2013@SL4", "iec62443-4-2-2019@SL4", "iec62443-2-1-2024@ML4", "iec62443-3-2-2020"]);
    }

    /// <summary>The console path: the JSON report goes to the byte stream under the writer, as the same bytes as text.</summary>
    [Fact]
    public async Task Gap_Json_OnAByteStream_IsTheSameBytesAsText()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        string[] args = ["gap", "--soa", Sample("soa-2022.csv"), "-t", "iec62443-3-3-2013@SL4", "-t", "iec62443-4-2-2019@SL4", "-t", "iec62443-2-1-2024@ML4", "--format", "json", "--db", db];
        var asText = await CliRun.RunAsync(db, args[..^2]);
        using var stream = new MemoryStream();
        var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true) { AutoFlush = true };

        var code = await Program.RunAsync(args, TextWriter.Synchronized(writer), new StringWriter(), TimeProvider.System, stream, TestContext.Current.CancellationToken);

        code.ShouldBe(0);
        asText.Out.Length.ShouldBeGreaterThan(300_000);
        stream.ToArray().ShouldBe(System.Text.Encoding.UTF8.GetBytes(asText.Out));
        JsonDocument.Parse(stream.ToArray()).RootElement.GetProperty("analyses").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task Gap_A2013Soa_IsConvertedAndSaysSo()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "gap", "--soa", Sample("soa-2013.csv"), "-t", "iec62443-3-3-2013@SL1");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Error.ShouldContain("converted");
        run.Out.ShouldContain("Prioritised actions");
    }

    [Fact]
    public async Task Gap_HtmlAndXlsx_AreWrittenWhole()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        var dir = TestPaths.TempDirectory();

        var html = await CliRun.RunAsync(db, "gap", "--soa", Sample("soa-2022.csv"), "-t", "iec62443-3-3-2013@SL3", "--format", "html", "-o", Path.Combine(dir, "gap.html"));
        var xlsx = await CliRun.RunAsync(db, "gap", "--soa", Sample("soa-2022.csv"), "-t", "iec62443-3-3-2013@SL3", "--format", "xlsx", "-o", Path.Combine(dir, "gap.xlsx"));

        html.ExitCode.ShouldBe(0, html.Error);
        var page = await File.ReadAllTextAsync(Path.Combine(dir, "gap.html"));
        page.ShouldStartWith("<!DOCTYPE html>");
        page.ShouldContain("<svg");
        page.ShouldNotContain("<script");
        page.IndexOf("Prioritised actions", StringComparison.Ordinal).ShouldBeLessThan(page.IndexOf("<details", StringComparison.Ordinal));
        xlsx.ExitCode.ShouldBe(0, xlsx.Error);
        (await File.ReadAllBytesAsync(Path.Combine(dir, "gap.xlsx")))[..2].ShouldBe("PK"u8.ToArray());
        Directory.GetFiles(dir).Length.ShouldBe(2);
    }

    [Theory]
    [InlineData(new[] { "-t", "iec62443-3-3-2013@SL5" }, "is not a level")]
    [InlineData(new[] { "-t", "iec62443-3-3-2013" }, "needs a level")]
    [InlineData(new[] { "-t", "iec62443-2-1-2024@SL2" }, "graded by ML, not SL")]
    [InlineData(new[] { "-t", "iec62443-3-2-2020@SL2" }, "not graded by levels")]
    [InlineData(new[] { "-t", "no-such@SL2" }, "unknown catalog 'no-such'")]
    [InlineData(new[] { "-t", "iec62443-3-3-2013@SL2", "--format", "xlsx" }, "--format xlsx needs --out")]
    public async Task Gap_BadTargets_AreUsageErrors(string[] extra, string message)
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), ["gap", "--soa", Sample("soa-2022.csv"), .. extra]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(message);
    }

    [Fact]
    public async Task Gap_UnreadableSoa_IsRefusedNamingTheFile()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "broken.xlsx");
        await File.WriteAllBytesAsync(file, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5]);

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "gap", "--soa", file, "-t", "iec62443-3-3-2013@SL2");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("broken.xlsx");
        run.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Gap_FailOnGaps_ExitsWith1()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "gap", "--soa", Sample("soa-2022.csv"), "-t", "iec62443-3-3-2013@SL1", "--fail-on-gaps");

        run.ExitCode.ShouldBe(1);
    }
}
