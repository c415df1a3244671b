using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Zones;

/// <summary>The zone and conduit use cases on a real database, SQLite and PostgreSQL.</summary>
public sealed class ZoneEditsTests
{
    private const string Site = "north-wtp";
    private static readonly string Plant = Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml");

    private static async Task<DatabaseTarget> PlantAsync(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(new FakeTimeProvider()).RunAsync(target);
        await new WorkspaceStore(target, TimeProvider.System, "test").ImportAsync(Plant);
        return target;
    }

    private static ZoneInput Zone(string id, string slt = "2 2 2 1 2 1 1") => new() { Id = id, Name = "Spare", Purdue = "2", Slt = slt };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateEditDelete_WritesOneAuditRecordEach_AndBumpsTheVersion(string provider)
    {
        var database = await PlantAsync(provider);
        await using var db = database.CreateContext();
        var clock = new FakeTimeProvider();

        var created = await new CreateZone(db, clock).RunAsync("user:otto", Site, Zone("spare"));
        var edited = await new EditZone(db, clock).RunAsync("user:otto", Site, "spare", created.Version, Zone("spare", "3 3 3 1 2 1 1") with { Name = "Spare 2" });
        var mark = await CheckSite.ChangeMarkAsync(db, Site);
        await new DeleteZone(db, clock).RunAsync("user:otto", Site, "spare", edited.Version);

        edited.Version.ShouldBe(created.Version + 1);
        (await CheckSite.ChangeMarkAsync(db, Site)).ShouldNotBe(mark);
        var audit = await db.AuditRecords.AsNoTracking().Where(r => r.Actor == "user:otto").OrderBy(r => r.Sequence).Select(r => r.Action).ToListAsync();
        audit.ShouldBe(["zone.create", "zone.update", "zone.delete"]);
        (await db.WorkspaceObjects.AnyAsync(o => o.Site == Site && o.Kind == "zone" && o.Id == "spare")).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EditZone_WithAStaleVersion_WritesNothingAndCarriesBothVersions(string provider)
    {
        var database = await PlantAsync(provider);
        await using var db = database.CreateContext();
        var zones = new ListZones(db);
        var read = (await zones.FindAsync(Site, "dmz"))!;
        await new EditZone(db, TimeProvider.System).RunAsync("user:a", Site, "dmz", read.Version, ZoneInput.Of(read.Value) with { Name = "A" });

        var conflict = await Should.ThrowAsync<EditConflictException>(() =>
            new EditZone(db, TimeProvider.System).RunAsync("user:b", Site, "dmz", read.Version, ZoneInput.Of(read.Value) with { Name = "B" }));

        conflict.TheirVersion.ShouldBe(read.Version + 1);
        conflict.YourVersion.ShouldBe(read.Version);
        conflict.TheirJson!.ShouldContain("\"name\":\"A\"");
        conflict.YourJson!.ShouldContain("\"name\":\"B\"");
        (await zones.FindAsync(Site, "dmz"))!.Value.Name.ShouldBe("A");
        (await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Actor == "user:b")).Outcome.ShouldBe("conflict");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Conduit_JoinsZonesOfItsOwnSite_AndAZoneInUseIsNotDeleted(string provider)
    {
        var database = await PlantAsync(provider);
        await using var db = database.CreateContext();
        var input = new ConduitInput { Id = "c-new", Name = "New", From = "scada", To = "unknown-zone" };

        (await Should.ThrowAsync<FieldException>(() => new CreateConduit(db, TimeProvider.System).RunAsync("u", Site, input))).Field.ShouldBe("to");
        (await new CreateConduit(db, TimeProvider.System).RunAsync("u", Site, input with { To = "external:internet" })).Version.ShouldBe(1);
        var refused = await Should.ThrowAsync<InputException>(() => new DeleteZone(db, TimeProvider.System).RunAsync("u", Site, "scada", null));
        refused.Message.ShouldContain("asset");
        refused.Message.ShouldContain("c-new");
        (await Should.ThrowAsync<FieldException>(() => new CreateZone(db, TimeProvider.System).RunAsync("u", Site, Zone("x", "1 2 3")))).Field.ShouldBe("slt");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateZone_TakenIdOrUnknownSite_RefusedAndNothingWritten_ElseAppendedAfterTheLast(string provider)
    {
        var database = await PlantAsync(provider);
        await using var db = database.CreateContext();
        var last = await db.WorkspaceObjects.Where(o => o.Site == Site && o.Kind == "zone").MaxAsync(o => o.Position);
        var records = await db.AuditRecords.CountAsync();

        (await Should.ThrowAsync<FieldException>(() => new CreateZone(db, TimeProvider.System).RunAsync("u", Site, Zone("dmz")))).Message.ShouldContain("already has a zone 'dmz'");
        (await Should.ThrowAsync<UsageException>(() => new CreateZone(db, TimeProvider.System).RunAsync("u", "atlantis", Zone("spare")))).Message.ShouldBe("no site 'atlantis'");
        (await db.AuditRecords.CountAsync()).ShouldBe(records);
        await new CreateZone(db, TimeProvider.System).RunAsync("u", Site, Zone("spare"));

        (await db.WorkspaceObjects.AsNoTracking().SingleAsync(o => o.Site == Site && o.Kind == "zone" && o.Id == "spare")).Position.ShouldBe(last + 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ListZones_PagesInDocumentOrder_WithTheTotalAndEachZonesAssetCount(string provider)
    {
        var database = await PlantAsync(provider);
        await using var db = database.CreateContext();
        var zones = new ListZones(db);

        var all = await zones.RunAsync(Site, 0, 500);
        var page = await zones.RunAsync(Site, 1, 2);

        all.Total.ShouldBe(await db.WorkspaceObjects.CountAsync(o => o.Site == Site && o.Kind == "zone"));
        all.Items.Count.ShouldBe(all.Total);
        page.Total.ShouldBe(all.Total);
        page.Items.Select(z => z.Zone.Id).ShouldBe(all.Items.Skip(1).Take(2).Select(z => z.Zone.Id));
        page.HasNext.ShouldBe(all.Total > 3);
        foreach (var zone in all.Items)
        {
            zone.Assets.ShouldBe(await db.WorkspaceObjects.CountAsync(o => o.Site == Site && o.Kind == "asset" && o.Zone == zone.Zone.Id));
        }

        all.Items.Sum(z => z.Assets).ShouldBeGreaterThan(0);
    }
}
