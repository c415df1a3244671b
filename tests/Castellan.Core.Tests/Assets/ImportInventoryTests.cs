using System.Text;
using Castellan.Core.Assets;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Tests.Assets;

/// <summary>The inventory apply on SQLite and PostgreSQL: progress, bulk writes, and a change of the site while it merges.</summary>
public sealed class ImportInventoryTests
{
    private const string Site = "north-wtp";

    private static async Task<DatabaseTarget> PlantAsync(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(TimeProvider.System).RunAsync(database);
        await new WorkspaceStore(database, TimeProvider.System, "test").ImportAsync(Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml"));
        return database;
    }

    private static ImportInventory Import(CastellanDbContext db) => new(db, TimeProvider.System);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Apply_ManyRows_WritesThemAllAndReportsEveryStepToTheEnd(string provider)
    {
        var database = await PlantAsync(provider);
        var csv = new StringBuilder("Asset ID,Hostname,IP address,Vendor,Zone\nplc-filter-01,,,Siemens AG,\n");
        for (var i = 0; i < 2500; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"bulk-{i:0000},Bulk {i},10.77.{i / 256}.{i % 256},Acme,filtration\n");
        }

        var reports = new List<WorkProgress>();
        await using var db = database.CreateContext();
        var before = await db.WorkspaceObjects.Where(o => o.Site == Site && o.Kind == "asset" && o.Id == "plc-filter-01").Select(o => o.Version).SingleAsync();

        var result = await Import(db).ApplyAsync(Site, "bulk.csv", Encoding.UTF8.GetBytes(csv.ToString()), "user:alice", progress: new Recorder(reports.Add));

        (result.Added, result.Changed).ShouldBe((2500, 1));
        reports.Select(r => r.Step).Distinct().ShouldBe([ImportInventory.Steps.Loading, MergeInventory.Steps.Reading, MergeInventory.Steps.Checking,
            MergeInventory.Steps.Matching, ImportInventory.Steps.Writing]);
        reports[^1].ShouldBe(new WorkProgress(ImportInventory.Steps.Writing, 2501, 2501));
        reports.Where(r => r.Step == MergeInventory.Steps.Checking).Select(r => r.Done).ShouldBe([1000, 2000, 2501]);
        await using var check = database.CreateContext();
        (await check.WorkspaceObjects.CountAsync(o => o.Site == Site && o.Kind == "asset" && o.Id.StartsWith("bulk-"))).ShouldBe(2500);
        var changed = await check.WorkspaceObjects.SingleAsync(o => o.Site == Site && o.Kind == "asset" && o.Id == "plc-filter-01");
        (changed.Version, changed.Json.Contains("Siemens AG", StringComparison.Ordinal)).ShouldBe((before + 1, true));
        var positions = await check.WorkspaceObjects.Where(o => o.Site == Site && o.Kind == "asset").Select(o => o.Position).ToListAsync();
        positions.Distinct().Count().ShouldBe(positions.Count, "every asset keeps its own position");
        (await check.AuditRecords.CountAsync(r => r.Action == "asset.import" && r.Actor == "user:alice")).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Apply_SiteChangesWhileItMerges_MergesAgainOnTheNewState(string provider)
    {
        var database = await PlantAsync(provider);
        await using var db = database.CreateContext();
        var interfered = false;
        // While the first merge runs (outside any transaction), someone else adds an asset holding the row's address.
        var progress = new Recorder(p =>
        {
            if (p.Step == MergeInventory.Steps.Matching && !interfered)
            {
                interfered = true;
                using var other = database.CreateContext();
                Import(other).ApplyAsync(Site, "other.csv", Encoding.UTF8.GetBytes("Asset ID,IP address,Zone\nother-99,10.1.1.250,filtration\n"), "user:bob")
                    .GetAwaiter().GetResult();
            }
        });

        var result = await Import(db).ApplyAsync(Site, "mine.csv", Encoding.UTF8.GetBytes("Hostname,IP address,Firmware\nnew-host,10.1.1.250,7.0\n"), "user:alice",
            progress: progress);

        interfered.ShouldBeTrue();
        (result.Added, result.Changed).ShouldBe((0, 1), "the second merge matched the row to the asset added meanwhile");
        result.Rows.Single().AssetId.ShouldBe("other-99");
        await using var check = database.CreateContext();
        (await check.WorkspaceObjects.AnyAsync(o => o.Site == Site && o.Id == "new-host")).ShouldBeFalse();
        (await check.WorkspaceObjects.SingleAsync(o => o.Site == Site && o.Id == "other-99")).Json.ShouldContain("7.0");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ApplyStaged_Twice_TheSecondFindsNothingStaged(string provider)
    {
        var database = await PlantAsync(provider);
        var content = Encoding.UTF8.GetBytes("Asset ID,IP address,Zone\nstaged-01,10.1.1.251,filtration\n");
        await using var db = database.CreateContext();
        var key = await Import(db).StageAsync(Site, "staged.csv", content, "user:alice");
        (await Import(db).IsStagedAsync(Site, key)).ShouldBeTrue();
        (await Import(db).IsStagedAsync("south-wtp", key)).ShouldBeFalse("a stage belongs to its site");

        (await Import(db).ApplyStagedAsync(Site, key, "user:alice", null)).Added.ShouldBe(1);

        (await Import(db).IsStagedAsync(Site, key)).ShouldBeFalse();
        (await Should.ThrowAsync<UsageException>(() => Import(db).ApplyStagedAsync(Site, key, "user:alice", null))).Message.ShouldContain("upload the file again");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Stage_TheSameFileSeveralTimesAtOnce_GivesOneKeyAndOneStage(string provider)
    {
        var database = await PlantAsync(provider);
        var content = Encoding.UTF8.GetBytes("Asset ID,IP address,Zone\nstaged-02,10.1.1.252,filtration\n");

        var keys = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            return await Import(db).StageAsync(Site, "staged.csv", content, "user:alice");
        })));

        keys.Distinct().Count().ShouldBe(1);
        await using var check = database.CreateContext();
        (await check.Settings.CountAsync(s => s.Key == keys[0])).ShouldBe(1);
        (await Import(check).ReadStagedAsync(Site, keys[0])).Content.ShouldBe(content);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DiscardStaleStages_RemovesOnlyStagesOlderThanTheKeepTime_AndThoseWithoutATime(string provider)
    {
        var database = await PlantAsync(provider);
        await using var db = database.CreateContext();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var old = await new ImportInventory(db, clock).StageAsync(Site, "old.csv", Encoding.UTF8.GetBytes("Asset ID,IP address,Zone\nold-01,10.1.1.240,filtration\n"), "user:alice");
        clock.Advance(TimeSpan.FromHours(30));
        var fresh = await new ImportInventory(db, clock).StageAsync(Site, "fresh.csv", Encoding.UTF8.GetBytes("Asset ID,IP address,Zone\nnew-01,10.1.1.241,filtration\n"), "user:alice");
        db.Settings.Add(new SettingRow { Key = "inventory:untimed", Value = "{\"Site\":\"" + Site + "\",\"File\":\"a.csv\",\"Sha256\":\"00\",\"By\":\"user:bob\",\"Content\":\"\"}" });
        db.Settings.Add(new SettingRow { Key = "not-a-stage", Value = "kept" });
        await db.SaveChangesAsync();
        clock.Advance(TimeSpan.FromHours(1));

        (await new ImportInventory(db, clock).DiscardStaleStagesAsync(TimeSpan.FromDays(1))).ShouldBe(2);

        (await Import(db).IsStagedAsync(Site, old)).ShouldBeFalse();
        (await Import(db).IsStagedAsync(Site, fresh)).ShouldBeTrue();
        (await db.Settings.AsNoTracking().AnyAsync(s => s.Key == "inventory:untimed")).ShouldBeFalse();
        (await db.Settings.AsNoTracking().AnyAsync(s => s.Key == "not-a-stage")).ShouldBeTrue();
        (await new ImportInventory(db, clock).ApplyStagedAsync(Site, fresh, "user:alice", null)).Added.ShouldBe(1);
        (await new ImportInventory(db, clock).DiscardStaleStagesAsync(TimeSpan.FromDays(1))).ShouldBe(0);
    }

    private sealed class Recorder(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
