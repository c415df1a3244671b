using System.Text.Json;
using Castellan.Tests;
using Json.Schema;

namespace Castellan.Cli.Tests.Catalogs;

public sealed class CatalogCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_OnAFreshDatabase_ShowsEveryShippedCatalogWithCounts(string provider)
    {
        var db = await CliRun.NewDatabaseAsync(provider);

        var run = await CliRun.RunAsync(db, "catalog", "list", "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var catalogs = JsonDocument.Parse(run.Out).RootElement.GetProperty("catalogs").EnumerateArray().ToList();
        catalogs.Count.ShouldBe(9);
        var sr = catalogs.Single(c => c.GetProperty("id").GetString() == "iec62443-3-3-2013");
        sr.GetProperty("edition").GetString().ShouldBe("2013");
        sr.GetProperty("requirements").GetInt32().ShouldBe(100);
    }

    [Fact]
    public async Task List_AsTableAndCsv_HasAHeaderAndOneRowPerCatalog()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");

        var table = await CliRun.RunAsync(db, "catalog", "list");
        var csv = await CliRun.RunAsync(db, "catalog", "list", "--format", "csv");

        table.ExitCode.ShouldBe(0);
        table.Out.ShouldContain("iso27001-2022");
        table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2 + 9);
        csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[0].ShouldBe("id,standard,edition,grading,requirements,unsure,origin,title");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Show_AtSl2_KeepsWhatSl2RequiresInStableJson(string provider)
    {
        var db = await CliRun.NewDatabaseAsync(provider);

        var run = await CliRun.RunAsync(db, "catalog", "show", "iec62443-3-3-2013", "--sl", "2", "--format", "json");
        var again = await CliRun.RunAsync(db, "catalog", "show", "iec62443-3-3-2013", "--sl", "2", "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        again.Out.ShouldBe(run.Out);
        var root = JsonDocument.Parse(run.Out).RootElement;
        root.GetProperty("standard").GetString().ShouldBe("iec62443-3-3-2013");
        root.GetProperty("edition").GetString().ShouldBe("2013");
        var requirements = root.GetProperty("requirements").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        requirements.Keys.ShouldContain("SR 1.1 RE 1");
        requirements.Keys.ShouldContain("SR 1.2");
        requirements.Keys.ShouldNotContain("SR 1.1 RE 2");
        requirements.Keys.ShouldNotContain("SR 2.7");
        var sr11 = requirements["SR 1.1"];
        sr11.GetProperty("kind").GetString().ShouldBe("SR");
        sr11.GetProperty("parent").GetString().ShouldBe("FR 1");
        sr11.GetProperty("securityLevels").EnumerateArray().Select(l => l.GetInt32()).ShouldBe([1, 2, 3, 4]);
        requirements["FR 1"].GetProperty("parent").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Show_AtSl1_LeavesOutSr12()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "catalog", "show", "iec62443-3-3-2013", "--sl", "1");

        run.ExitCode.ShouldBe(0);
        run.Out.ShouldContain("SR 1.1 ");
        run.Out.ShouldNotContain("SR 1.2 ");
    }

    [Theory]
    [InlineData(new[] { "catalog", "show", "no-such-catalog" }, "unknown catalog 'no-such-catalog'")]
    [InlineData(new[] { "catalog", "show", "iec62443-3-3-2013", "--sl", "5" }, "--sl must be 1, 2, 3 or 4")]
    [InlineData(new[] { "catalog", "show", "iso27001-2022", "--sl", "2" }, "--sl applies to security-level catalogs")]
    [InlineData(new[] { "catalog", "show", "iso27001-2022", "--format", "xml" }, "xml")]
    [InlineData(new[] { "catalog", "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "catalog", "import", "/no/such/file.json" }, "/no/such/file.json: no such file")]
    public async Task UsageErrors_ExitWith2AndSayWhy(string[] args, string message)
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), args);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(message);
        run.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Import_InvalidOscalFile_ExitsWith1NamingFileAndProblem()
    {
        var file = TestPaths.RequireTestData("oscal", "invalid", "trestle_minimal_catalog_extra_fields.json");

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "catalog", "import", file);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldStartWith("castellan: trestle_minimal_catalog_extra_fields.json: $.catalog: unknown field 'sss'");
        run.Error.ShouldNotContain("   at ");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ExportThenImport_ThroughTheCli_RoundTrips(string provider)
    {
        var db = await CliRun.NewDatabaseAsync(provider);
        var file = Path.Combine(TestPaths.TempDirectory(), "sr.json");

        var export = await CliRun.RunAsync(db, "catalog", "export", "iec62443-3-3-2013", "--format", "oscal", "-o", file);
        var import = await CliRun.RunAsync(db, "catalog", "import", file, "--id", "sr-roundtrip");
        var original = await CliRun.RunAsync(db, "catalog", "show", "iec62443-3-3-2013", "--format", "json");
        var copy = await CliRun.RunAsync(db, "catalog", "show", "sr-roundtrip", "--format", "json");

        export.ExitCode.ShouldBe(0, export.Error);
        import.ExitCode.ShouldBe(0, import.Error);
        import.Out.ShouldContain("Imported catalog 'sr-roundtrip'");
        copy.Out.Replace("\"sr-roundtrip\"", "\"iec62443-3-3-2013\"").Replace("\"imported\"", "\"shipped\"").ShouldBe(original.Out);
    }

    [Fact]
    public async Task Export_WritesAFileValidAgainstTheOscalSchema()
    {
        var schemaPath = TestPaths.RequireTestData("oscal", "schemas", "oscal_catalog_schema.json");
        var file = Path.Combine(TestPaths.TempDirectory(), "iso.json");

        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "catalog", "export", "iso27001-2022", "-o", file);

        run.ExitCode.ShouldBe(0);
        var schema = JsonSchema.FromText(File.ReadAllText(schemaPath).Replace("\"$id\"", "\"$comment\"", StringComparison.Ordinal));
        schema.Evaluate(JsonDocument.Parse(File.ReadAllBytes(file)).RootElement).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "--help");

        run.ExitCode.ShouldBe(0);
        run.Out.ShouldContain("catalog");
        run.Out.ShouldContain("db");
    }

    [Fact]
    public async Task DbMigrate_TwiceThenInfo_ReportsUpToDate()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");

        var first = await CliRun.RunAsync(db, "db", "migrate");
        var second = await CliRun.RunAsync(db, "db", "migrate");
        var info = await CliRun.RunAsync(db, "db", "info");

        first.Out.ShouldContain("seeded 9 shipped catalog(s)");
        second.Out.ShouldContain("Schema: up to date.");
        second.Out.ShouldContain("Catalogs: up to date.");
        info.Out.ShouldContain("Catalogs:  9");
    }
}
