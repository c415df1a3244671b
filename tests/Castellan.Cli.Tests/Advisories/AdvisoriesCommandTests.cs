using System.Text.Json;
using Castellan.Core.Advisories;
using Castellan.Tests;

namespace Castellan.Cli.Tests.Advisories;

public sealed class AdvisoriesCommandTests
{
    [Fact]
    public async Task Validate_OasisFailureCase_NamesTheTestAndPathAndListsImplementedTests()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        var file = TestPaths.RequireTestData("csaf", "oasis-tests", "mandatory", "oasis_csaf_tc-csaf_2_0-2021-6-1-01-01.json");

        var run = await CliRun.RunAsync(db, "advisories", "validate", file);

        run.ExitCode.ShouldBe(1);
        run.Out.ShouldContain("FAIL  6.1.1");
        run.Out.ShouldContain("/product_tree/product_groups/0/product_ids/0: product id 'CSAFPID-9080700' is not defined");
        run.Out.ShouldContain(string.Join(", ", CsafMandatoryTests.Implemented.Select(t => t.Id)));
    }

    [Fact]
    public async Task Validate_RealAdvisory_PassesEveryTest()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        var run = await CliRun.RunAsync(db, "advisories", "validate", TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json"));

        run.ExitCode.ShouldBe(0, run.Out);
        run.Out.ShouldNotContain("FAIL");
    }

    [Fact]
    public async Task Import_FolderWithARefusedFile_ImportsTheRestAndCountsEach()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        var folder = TestPaths.TempDirectory();
        File.Copy(TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json"), Path.Combine(folder, "good.json"));
        File.Copy(TestPaths.RequireTestData("csaf", "oasis-tests", "mandatory", "oasis_csaf_tc-csaf_2_0-2021-6-1-06-01.json"), Path.Combine(folder, "contradicting.json"));

        var run = await CliRun.RunAsync(db, "advisories", "import", folder, "--format", "json");
        var again = await CliRun.RunAsync(db, "advisories", "import", folder);

        run.ExitCode.ShouldBe(1);
        using var json = JsonDocument.Parse(run.Out);
        var counts = json.RootElement.GetProperty("counts");
        counts.GetProperty("imported").GetInt32().ShouldBe(1);
        counts.GetProperty("refused").GetInt32().ShouldBe(1);
        var refused = json.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("result").GetString() == "refused");
        refused.GetProperty("problems")[0].GetProperty("test").GetString().ShouldBe("6.1.6");
        refused.GetProperty("problems")[0].GetProperty("path").GetString()!.ShouldStartWith("/vulnerabilities/0/product_status/");
        again.Out.ShouldContain("2 file(s): 0 imported, 0 replaced, 1 unchanged, 0 older revision(s) kept as history, 1 refused.");
    }

    [Fact]
    public async Task Import_MissingPath_IsAUsageError()
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        (await CliRun.RunAsync(db, "advisories", "import", "/no/such/folder")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Import_InvalidDb_IsAUsageErrorOnceTheReadingStopped()
    {
        // --db is resolved while the first files are already being read: the error is still a usage error naming --db.
        var folder = TestPaths.TempDirectory();
        File.Copy(TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json"), Path.Combine(folder, "good.json"));

        var run = await CliRun.RunAsync("Data Source=x;Nonsense=1", "advisories", "import", folder);

        run.ExitCode.ShouldBe(2, run.Error);
        run.Error.ShouldContain("--db: not a valid SQLite connection string");
        run.Error.ShouldNotContain("   at ");
    }
}
