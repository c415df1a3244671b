using System.Text.Json;

namespace Castellan.Cli.Tests.Mappings;

public sealed class MappingShowTests
{
    [Fact]
    public async Task Show_AnAnnexAControl_ListsBothDirectionsWithProvenance()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "mapping", "show", "A.5.15", "--catalog", "iso27001-2022", "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var mappings = JsonDocument.Parse(run.Out).RootElement.GetProperty("results")[0].GetProperty("mappings").EnumerateArray().ToList();
        mappings.ShouldContain(m => m.GetProperty("direction").GetString() == "from" && m.GetProperty("catalog").GetString() == "iso27001-2013");
        mappings.ShouldContain(m => m.GetProperty("direction").GetString() == "to" && m.GetProperty("catalog").GetString() == "iec62443-3-3-2013");
        mappings.ShouldAllBe(m => m.GetProperty("provenance").GetString()!.Length > 0);
    }

    [Fact]
    public async Task Show_ATargetRequirement_DerivesTheReverseView()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "mapping", "show", "SR 1.1", "--format", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var mappings = JsonDocument.Parse(run.Out).RootElement.GetProperty("results")[0].GetProperty("mappings").EnumerateArray().ToList();
        mappings.Count.ShouldBeGreaterThanOrEqualTo(3);
        mappings.ShouldAllBe(m => m.GetProperty("direction").GetString() == "from" && m.GetProperty("catalog").GetString() == "iso27001-2022");
    }

    [Fact]
    public async Task Show_AnOtSpecificEnhancement_SaysSo()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "mapping", "show", "SR 5.2 RE 2");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("OT-specific");
    }

    [Fact]
    public async Task Show_AnUnknownId_IsAUsageError()
    {
        var run = await CliRun.RunAsync(await CliRun.NewDatabaseAsync("sqlite"), "mapping", "show", "Z.9.9");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("no requirement 'Z.9.9'");
    }
}

public sealed class MappingExportImportTests
{
    [Theory]
    [MemberData(nameof(Castellan.Tests.TestDatabases.Providers), MemberType = typeof(Castellan.Tests.TestDatabases))]
    public async Task ExportThenImport_UnderANewId_GivesTheSameRows(string provider)
    {
        var db = await CliRun.NewDatabaseAsync(provider);
        var file = Path.Combine(Castellan.Tests.TestPaths.TempDirectory(), "map.json");

        var export = await CliRun.RunAsync(db, "mapping", "export", "iso27001-2022-to-iec62443-3-3-2013", "-o", file);
        var import = await CliRun.RunAsync(db, "mapping", "import", file, "--id", "my-copy");
        var list = await CliRun.RunAsync(db, "mapping", "list", "--format", "json");

        export.ExitCode.ShouldBe(0, export.Error);
        import.ExitCode.ShouldBe(0, import.Error);
        import.Out.ShouldContain("Imported mapping set 'my-copy'");
        var sets = JsonDocument.Parse(list.Out).RootElement.GetProperty("mappingSets").EnumerateArray().ToList();
        var original = sets.Single(s => s.GetProperty("Id").GetString() == "iso27001-2022-to-iec62443-3-3-2013");
        var copy = sets.Single(s => s.GetProperty("Id").GetString() == "my-copy");
        copy.GetProperty("Rows").GetInt32().ShouldBe(original.GetProperty("Rows").GetInt32());
        copy.GetProperty("OtSpecific").GetInt32().ShouldBe(original.GetProperty("OtSpecific").GetInt32());
        copy.GetProperty("Origin").GetString().ShouldBe("imported");
    }

    [Fact]
    public async Task Import_TheDraftMapping_NamesEachDeviation()
    {
        var nist = Castellan.Tests.TestPaths.RequireTestData("oscal", "content", "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json");
        var draft = Castellan.Tests.TestPaths.RequireTestData("oscal", "mapping", "draft", "trestle_simple_mapping.json");
        var valid = Castellan.Tests.TestPaths.RequireTestData("oscal", "mapping", "trestle_simple_mapping_1.2.1.json");
        var db = await CliRun.NewDatabaseAsync("sqlite");
        (await CliRun.RunAsync(db, "catalog", "import", nist, "--id", "nist")).ExitCode.ShouldBe(0);

        var withoutCatalogs = await CliRun.RunAsync(db, "mapping", "import", valid);
        var ok = await CliRun.RunAsync(db, "mapping", "import", valid, "--source", "nist", "--target", "nist");
        var drafted = await CliRun.RunAsync(db, "mapping", "import", draft, "--source", "nist", "--target", "nist", "--id", "draft");

        withoutCatalogs.ExitCode.ShouldBe(2);
        withoutCatalogs.Error.ShouldContain("--source");
        ok.ExitCode.ShouldBe(0, ok.Error);
        ok.Error.ShouldNotContain("warning");
        drafted.ExitCode.ShouldBe(0, drafted.Error);
        drafted.Error.ShouldContain("'manual'");
        drafted.Error.ShouldContain("1.0.4");
    }
}
