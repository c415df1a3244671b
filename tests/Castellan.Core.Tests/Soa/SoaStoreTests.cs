using System.Text;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Domain.Soa;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Soa;

/// <summary>The organisation's SoA in the database (workspace_objects, kind "soa"), on SQLite and PostgreSQL.</summary>
public sealed class SoaStoreTests
{
    private static readonly byte[] Sample = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "samples", "soa", "soa-2022.csv"));
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static async Task<CastellanDbContext> DatabaseAsync(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(Clock).RunAsync(target);
        return target.CreateContext();
    }

    private static EditSoaEntry.Fields Fields(bool? applicable, string? justification = "needed", string? implementation = "implemented") =>
        new(applicable, justification, implementation, "CISO", null, null);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Load_EmptyStore_HasAll93ControlsUnstated(string provider)
    {
        await using var db = await DatabaseAsync(provider);

        var soa = await new LoadSoa(db).RunAsync();

        soa.Controls.Count.ShouldBe(93);
        soa.Controls[0].ControlId.ShouldBe("A.5.1");
        soa.Controls[^1].ControlId.ShouldBe("A.8.34");
        soa.Controls.ShouldAllBe(c => c.Entry == null && c.Version == 0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_TheSample_StoresEveryControlAsTheReaderReadsIt_WithOneAuditRecord(string provider)
    {
        await using var db = await DatabaseAsync(provider);

        var outcome = await new ImportSoa(db, Clock).RunAsync("user:alice", "soa-2022.csv", Sample);

        outcome.Written.ShouldBeTrue();
        outcome.Changed.Count.ShouldBe(93);
        (await db.WorkspaceObjects.CountAsync(o => o.Site == "" && o.Kind == "soa")).ShouldBe(93);
        var stored = (await new LoadSoa(db).RunAsync()).ToStatement();
        var read = SoaReader.Read("soa-2022.csv", Sample).Soa;
        stored.Entries.OrderBy(e => e.ControlId, StringComparer.Ordinal).ShouldBe(read.Entries.OrderBy(e => e.ControlId, StringComparer.Ordinal));
        var audit = await db.AuditRecords.AsNoTracking().Where(r => r.Action == "soa.import").ToListAsync();
        audit.Count.ShouldBe(1);
        audit[0].Actor.ShouldBe("user:alice");
        audit[0].Outcome.ShouldBe("ok");
        audit[0].After!.ShouldContain("soa-2022.csv");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_AFileWithARefusedRow_WritesNothing_AndNamesTheRow(string provider)
    {
        await using var db = await DatabaseAsync(provider);
        await new ImportSoa(db, Clock).RunAsync("user:alice", "soa-2022.csv", Sample);
        var before = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Kind == "soa").OrderBy(o => o.Id).Select(o => new { o.Id, o.Json, o.Version }).ToListAsync();
        var broken = Encoding.UTF8.GetBytes("Control,Applicable,Justification\nA.5.1,no,not needed\nA.5.99,yes,typo\nA.5.2,yes,needed\n");

        var outcome = await new ImportSoa(db, Clock).RunAsync("user:alice", "broken.csv", broken);

        outcome.Written.ShouldBeFalse();
        var refused = outcome.Refused.ShouldHaveSingleItem();
        refused.Row.ShouldBe(3);
        refused.Message.ShouldContain("A.5.99");
        db.ChangeTracker.Clear();
        (await db.WorkspaceObjects.AsNoTracking().Where(o => o.Kind == "soa").OrderBy(o => o.Id).Select(o => new { o.Id, o.Json, o.Version }).ToListAsync())
            .ShouldBe(before);
        (await db.AuditRecords.AsNoTracking().Where(r => r.Action == "soa.import").Select(r => r.Outcome).ToListAsync()).ShouldBe(["ok", "refused"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_AFileThatIsNoSoa_IsAnInputError_AndWritesNothing(string provider)
    {
        await using var db = await DatabaseAsync(provider);

        var error = await Should.ThrowAsync<InputException>(() => new ImportSoa(db, Clock).RunAsync("user:alice", "list.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n")));

        error.Message.ShouldContain("list.csv");
        (await db.WorkspaceObjects.CountAsync(o => o.Kind == "soa")).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Edit_WithTheVersionRead_Saves_AndAStaleVersionIsAConflictCarryingBothVersions(string provider)
    {
        await using var db = await DatabaseAsync(provider);
        var edit = new EditSoaEntry(db, Clock);

        var first = await edit.RunAsync("user:alice", "A.5.1", Fields(true, "alice's reason"), expectedVersion: 0);
        var second = await Should.ThrowAsync<EditConflictException>(() => edit.RunAsync("user:bob", "A.5.1", Fields(false, "bob's reason"), expectedVersion: 0));

        first.Version.ShouldBe(1);
        (second.TheirVersion, second.YourVersion).ShouldBe((1, 0));
        second.TheirJson!.ShouldContain("alice's reason");
        second.YourJson!.ShouldContain("bob's reason");
        var stored = await new LoadSoa(db).FindAsync("A.5.1");
        stored.Entry!.Applicable.ShouldBeTrue();
        stored.Entry.Implementation.ShouldBe(ImplementationStatus.Implemented);
        var audit = await db.AuditRecords.AsNoTracking().Where(r => r.Action == "soa.update").OrderBy(r => r.Sequence).ToListAsync();
        audit.Select(r => (r.Actor, r.Target, r.Outcome)).ShouldBe([("user:alice", "soa/A.5.1", "ok"), ("user:bob", "soa/A.5.1", "conflict")]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Edit_AfterImport_BumpsOnlyThatControl_AndReimportKeepsUntouchedVersions(string provider)
    {
        await using var db = await DatabaseAsync(provider);
        await new ImportSoa(db, Clock).RunAsync("user:alice", "soa-2022.csv", Sample);
        var before = await new LoadSoa(db).FindAsync("A.5.3");

        var outcome = await new EditSoaEntry(db, Clock).RunAsync("user:alice", "a.5.3", Fields(true, implementation: "implemented"), before.Version);
        var again = await new ImportSoa(db, Clock).RunAsync("user:alice", "soa-2022.csv", Sample);

        outcome.Version.ShouldBe(before.Version + 1);
        again.Changed.ShouldBe(["A.5.3"]);
        (await new LoadSoa(db).FindAsync("A.5.1")).Version.ShouldBe(1);
        (await new LoadSoa(db).FindAsync("A.5.3")).Version.ShouldBe(before.Version + 2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Edit_UnknownControlOrBadField_IsRefusedByName(string provider)
    {
        await using var db = await DatabaseAsync(provider);
        var edit = new EditSoaEntry(db, Clock);

        (await Should.ThrowAsync<UsageException>(() => edit.RunAsync("user:alice", "A.9.2.1", Fields(true), 0))).Message.ShouldContain("A.9.2.1");
        (await Should.ThrowAsync<InputException>(() => edit.RunAsync("user:alice", "A.5.1", Fields(true, implementation: "done"), 0))).Message.ShouldContain("implementation");
        (await Should.ThrowAsync<InputException>(() => edit.RunAsync("user:alice", "A.5.1", Fields(null, "text"), 0))).Message.ShouldContain("applicable");
        (await db.WorkspaceObjects.CountAsync(o => o.Kind == "soa")).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Export_ThenImport_ChangesNothing(string provider)
    {
        await using var db = await DatabaseAsync(provider);
        await new ImportSoa(db, Clock).RunAsync("user:alice", "soa-2022.csv", Sample);

        foreach (var format in new[] { "csv", "xlsx" })
        {
            var file = await new ExportSoa(db).RunAsync(format);
            var outcome = await new ImportSoa(db, Clock).RunAsync("user:alice", file.Name, file.Content);

            outcome.Written.ShouldBeTrue();
            outcome.Changed.ShouldBeEmpty(format);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_TwoAtOnce_BothSucceed_TheLaterOnTheRowsOfTheEarlier(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(Clock).RunAsync(target);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            await using var db = target.CreateContext();
            return await new ImportSoa(db, Clock).RunAsync($"user:u{i}", "soa-2022.csv", Sample);
        })));

        outcomes.ShouldAllBe(o => o.Written);
        outcomes.Count(o => o.Changed.Count == 93).ShouldBe(1, "the first stores every control; the others find them stored");
        await using var check = target.CreateContext();
        (await check.WorkspaceObjects.CountAsync(o => o.Kind == "soa")).ShouldBe(93);
        (await check.AuditRecords.CountAsync(r => r.Action == "soa.import" && r.Outcome == "ok")).ShouldBe(3);
    }
}
