using System.Text.Json.Nodes;
using Castellan.Core.Advisories;
using Castellan.Core.Persistence;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Advisories;

/// <summary>CSAF imports on a real SQLite file and a real PostgreSQL server: counts, refusals, revision history.</summary>
public sealed class ImportAdvisoriesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private async Task<DatabaseTarget> DatabaseAsync(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        return target;
    }

    [Fact]
    public void WarmDocument_IsValid_SoWarmingRunsEveryCheck()
    {
        var verdict = CsafReader.Read(ImportAdvisories.WarmDocument.ToArray());

        verdict.Problems.ShouldBeEmpty();
        verdict.Advisory!.Vulnerabilities.ShouldHaveSingleItem().Remediations.ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Run_AllCisaAdvisories_ImportOrAreRefusedWithAReasonAndAreCounted(string provider)
    {
        var folder = TestPaths.RequireTestData("csaf", "cisa-ot");
        var target = await DatabaseAsync(provider);

        var outcome = await new ImportAdvisories(target, _clock).RunAsync([folder]);

        outcome.Files.Count.ShouldBe(2035);
        (outcome.Count(ImportResult.Imported) + outcome.Count(ImportResult.Replaced) + outcome.Count(ImportResult.History) + outcome.Count(ImportResult.Unchanged)
            + outcome.Count(ImportResult.Refused)).ShouldBe(2035);
        outcome.Files.Where(f => f.Result == ImportResult.Refused).ShouldAllBe(f => f.Problems.Count > 0 && f.Problems[0].Path.StartsWith('/'));
        outcome.Count(ImportResult.Imported).ShouldBeGreaterThan(1900);
        await using var db = target.CreateContext();
        (await db.Advisories.CountAsync(a => a.IsCurrent)).ShouldBe(outcome.Count(ImportResult.Imported) + outcome.Count(ImportResult.Replaced));
        (await db.Advisories.SingleAsync(a => a.TrackingId == "ICSA-18-310-02")).Version.ShouldBe("2");

        var again = await new ImportAdvisories(target, _clock).RunAsync([folder]);
        again.Count(ImportResult.Unchanged).ShouldBe(outcome.Files.Count - outcome.Count(ImportResult.Refused));
        (await db.Advisories.CountAsync()).ShouldBe(outcome.Files.Count - outcome.Count(ImportResult.Refused));
    }

    [Fact]
    public async Task Run_SqliteFileNobodyElseHasOpen_IsLeftInWalModeWithEveryRow()
    {
        var target = await DatabaseAsync("sqlite");
        var folder = TestPaths.RequireTestData("csaf", "cisa-ot", "2018");

        var outcome = await new ImportAdvisories(target, _clock).RunAsync([folder]);

        // Which journal was used is SqliteBulkJournalTests' question; here: the rows, the audit record, WAL mode again.
        outcome.Count(ImportResult.Imported).ShouldBeGreaterThan(200);
        (await JournalModeAsync(target)).ShouldBe("wal");
        File.Exists(target.SqliteFile + "-journal").ShouldBeFalse();
        await using var db = target.CreateContext();
        (await db.Advisories.CountAsync()).ShouldBe(outcome.Count(ImportResult.Imported));
        (await db.AuditRecords.CountAsync(r => r.Action == "advisories.import")).ShouldBe(1);
    }

    [Fact]
    public async Task Run_SqliteFileAnotherConnectionHasOpen_GoesThroughTheLogAndTheOtherConnectionReadsIt()
    {
        var target = await DatabaseAsync("sqlite");
        var folder = TestPaths.RequireTestData("csaf", "cisa-ot", "2018");
        await using var other = target.CreateConnection();
        await other.OpenAsync();
        await using (var before = other.CreateCommand())
        {
            before.CommandText = "SELECT COUNT(*) FROM advisories";
            ((long)(await before.ExecuteScalarAsync())!).ShouldBe(0);
        }

        var outcome = await new ImportAdvisories(target, _clock).RunAsync([folder]);

        await using var after = other.CreateCommand();
        after.CommandText = "SELECT COUNT(*) FROM advisories";
        ((long)(await after.ExecuteScalarAsync())!).ShouldBe(outcome.Count(ImportResult.Imported));
        (await JournalModeAsync(target)).ShouldBe("wal");
    }

    private static async Task<string?> JournalModeAsync(DatabaseTarget target)
    {
        await using var connection = target.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string?)await command.ExecuteScalarAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Run_CancelledWhileTheFilesAreRead_WritesNothing(string provider)
    {
        var folder = TestPaths.RequireTestData("csaf", "cisa-ot", "2018");
        var target = await DatabaseAsync(provider);
        using var cancel = new CancellationTokenSource();

        // The database is asked for once the reading has started: cancelled there, the reads in flight are stopped.
        var import = new ImportAdvisories(async _ =>
        {
            await cancel.CancelAsync();
            return target;
        }, _clock);

        await Should.ThrowAsync<OperationCanceledException>(() => import.RunAsync([folder], cancel.Token));
        await using var db = target.CreateContext();
        (await db.Advisories.CountAsync()).ShouldBe(0);
        (await db.AuditRecords.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Run_Document_IsKeptCompressedAndDecompressesToTheFileByteForByte(string provider)
    {
        var file = TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json");
        var target = await DatabaseAsync(provider);

        await new ImportAdvisories(target, _clock).RunAsync([file]);

        await using var db = target.CreateContext();
        var row = await db.Advisories.SingleAsync(a => a.TrackingId == "ICSA-18-310-02");
        var bytes = await File.ReadAllBytesAsync(file);
        row.Source.Length.ShouldBeLessThan(bytes.Length / 2);
        AdvisorySource.Decompress(row.Source).ShouldBe(bytes);
        row.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Run_NewerRevision_ReplacesTheCurrentAndKeepsTheOldAsHistory(string provider)
    {
        var original = TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json");
        var target = await DatabaseAsync(provider);
        var newer = Revision(original, "3");
        var older = Revision(original, "1");

        var first = await new ImportAdvisories(target, _clock).RunAsync([original]);
        var second = await new ImportAdvisories(target, _clock).RunAsync([newer]);
        var third = await new ImportAdvisories(target, _clock).RunAsync([older]);
        var fourth = await new ImportAdvisories(target, _clock).RunAsync([newer]);

        first.Files.Single().Result.ShouldBe(ImportResult.Imported);
        second.Files.Single().Result.ShouldBe(ImportResult.Replaced);
        third.Files.Single().Result.ShouldBe(ImportResult.History);
        fourth.Files.Single().Result.ShouldBe(ImportResult.Unchanged);
        await using var db = target.CreateContext();
        var rows = await db.Advisories.Where(a => a.TrackingId == "ICSA-18-310-02").OrderBy(a => a.Version).Select(a => new { a.Version, a.IsCurrent }).ToListAsync();
        rows.Select(r => $"{r.Version}:{r.IsCurrent}").ShouldBe(["1:False", "2:False", "3:True"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Run_SameVersionDifferentContent_IsRefusedAndTheRestOfTheFolderImports(string provider)
    {
        var original = TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json");
        var target = await DatabaseAsync(provider);
        await new ImportAdvisories(target, _clock).RunAsync([original]);
        var folder = TestPaths.TempDirectory();
        var node = JsonNode.Parse(File.ReadAllText(original))!;
        node["document"]!["title"] = "changed without a new version";
        File.WriteAllText(Path.Combine(folder, "a-changed.json"), node.ToJsonString());
        File.WriteAllText(Path.Combine(folder, "b-broken.json"), "{\"document\": {");
        File.Copy(TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-01.json"), Path.Combine(folder, "c-good.json"));

        var outcome = await new ImportAdvisories(target, _clock).RunAsync([folder]);

        outcome.Files.Select(f => f.Result).ShouldBe([ImportResult.Refused, ImportResult.Refused, ImportResult.Imported]);
        outcome.Files[0].Problems.Single().Path.ShouldBe("/document/tracking/version");
        outcome.Files[1].Problems.Single().TestId.ShouldBe("json");
    }

    private static string Revision(string original, string version)
    {
        var node = JsonNode.Parse(File.ReadAllText(original))!;
        node["document"]!["tracking"]!["version"] = version;
        var path = Path.Combine(TestPaths.TempDirectory(), $"rev-{version}.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }
}
