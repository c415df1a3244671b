using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Persistence;

/// <summary>Migrations, seeding and imports on a real SQLite file and a real PostgreSQL server.</summary>
public sealed class DatabaseTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private static async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(TestPaths.TempDirectory(), name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migrate_TwiceInARow_SeedsOnceAndChangesNothingTheSecondTime(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);

        var first = await new MigrateDatabase(_clock).RunAsync(target);
        var second = await new MigrateDatabase(_clock).RunAsync(target);

        first.AppliedMigrations.ShouldNotBeEmpty();
        first.Seeded.ShouldBeTrue();
        second.AppliedMigrations.ShouldBeEmpty();
        second.Seeded.ShouldBeFalse();
        await using var db = target.CreateContext();
        (await db.Catalogs.CountAsync()).ShouldBe(ShippedCatalogs.Instance.Catalogs.Count);
        (await db.Requirements.CountAsync()).ShouldBe(ShippedCatalogs.Instance.Catalogs.Sum(c => c.Requirements.Count));
        (await db.Mappings.CountAsync()).ShouldBe(ShippedCatalogs.Instance.MappingSets.Sum(s => s.Mappings.Count));
    }

    [Fact]
    public async Task Migrate_NewSqliteFile_Has16KbPagesInWriteAheadLogMode()
    {
        var file = Path.Combine(TestPaths.TempDirectory(), "new", "castellan.db");
        var target = DatabaseTarget.Parse(file);

        await new MigrateDatabase(_clock).RunAsync(target);

        await using var connection = target.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        (await command.ExecuteScalarAsync()).ShouldBe(16384L);
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync()).ShouldBe("wal");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task LoadCatalog_AfterSeeding_EqualsTheShippedCatalog(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        await using var db = target.CreateContext();

        foreach (var shipped in ShippedCatalogs.Instance.Catalogs)
        {
            var loaded = await new LoadCatalog(target).RunAsync(shipped.Id.Value);
            loaded.Header.ShouldBe(shipped.Header);
            loaded.Requirements.SequenceEqual(shipped.Requirements).ShouldBeTrue(shipped.Id.Value);
        }

        var list = await new ListCatalogs(target).RunAsync();
        list.Single(c => c.Id == "iec62443-3-3-2013").Requirements.ShouldBe(100);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TailoringNotes_AfterSeeding_EqualTheShippedNotes(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        await using var connection = await SqlReads.OpenAsync(target, CancellationToken.None);

        var stored = await SqlReads.TailoringNotesAsync(connection, CancellationToken.None);

        var shipped = ShippedCatalogs.Instance.TailoringNotes;
        stored.ShouldNotBeNull();
        stored.Count.ShouldBe(shipped.Count);
        for (var i = 0; i < shipped.Count; i++)
        {
            stored[i].Id.ShouldBe(shipped[i].Id);
            stored[i].Concern.ShouldBe(shipped[i].Concern);
            stored[i].Text.ShouldBe(shipped[i].Text);
            stored[i].Source.ShouldBe(shipped[i].Source);
            stored[i].Controls.ShouldBe(shipped[i].Controls);
            stored[i].Targets.Keys.ShouldBe(shipped[i].Targets.Keys);
            foreach (var (catalog, ids) in shipped[i].Targets)
            {
                stored[i].Targets[catalog].ShouldBe(ids);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TextOverlay_IsAppliedAndSurvivesAReseed(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        var overlay = await WriteAsync("texts.yaml", "overlay: iso27001-2022\ntexts:\n  - id: A.5.15\n    text: Licensed text of A.5.15.\n");

        await using (var db = target.CreateContext())
        {
            var outcome = await new ImportCatalog(db, _clock).RunAsync(overlay, null, replace: false);
            outcome.Kind.ShouldBe("text-overlay");
            await db.Settings.ExecuteDeleteAsync(); // forces the next migrate to reseed
        }

        (await new MigrateDatabase(_clock).RunAsync(target)).Seeded.ShouldBeTrue();
        await using var check = target.CreateContext();
        var catalog = await new LoadCatalog(target).RunAsync("iso27001-2022");
        catalog.Find("A.5.15")!.Text.ShouldBe("Licensed text of A.5.15.");
        catalog.Find("A.5.16")!.Text.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TextOverlay_WithAnUnknownId_ChangesNothing(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        var overlay = await WriteAsync("texts.yaml", "overlay: iso27001-2022\ntexts:\n  - id: A.5.15\n    text: One.\n  - id: A.9.99\n    text: Two.\n");
        await using var db = target.CreateContext();

        var error = await Should.ThrowAsync<InputException>(() => new ImportCatalog(db, _clock).RunAsync(overlay, null, replace: false));

        error.Message.ShouldBe("texts.yaml:5: id 'A.9.99' is not in catalog 'iso27001-2022'; nothing was imported");
        (await db.Requirements.CountAsync(r => r.Text != null)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ImportOscal_NistModerate_IsStoredAndRefusedTwiceWithoutReplace(string provider)
    {
        var nist = TestPaths.RequireTestData("oscal", "content", "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json");
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        await using var db = target.CreateContext();

        var outcome = await new ImportCatalog(db, _clock).RunAsync(nist, "nist-800-53-moderate", replace: false);
        var again = await Should.ThrowAsync<InputException>(() => new ImportCatalog(db, _clock).RunAsync(nist, "nist-800-53-moderate", replace: false));
        var replaced = await new ImportCatalog(db, _clock).RunAsync(nist, "nist-800-53-moderate", replace: true);

        outcome.Requirements.ShouldBeGreaterThan(250);
        again.Message.ShouldContain("already exists; use --replace");
        replaced.Replaced.ShouldBeTrue();
        var loaded = await new LoadCatalog(target).RunAsync("nist-800-53-moderate");
        loaded.Requirements.Count.ShouldBe(outcome.Requirements);
        loaded.Find("AC-2(1)")!.ParentId.ShouldBe("AC-2");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ImportOscal_ExportedShippedCatalog_RefusesTheShippedId(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        await using var db = target.CreateContext();
        var catalog = await new LoadCatalog(target).RunAsync("iec62443-3-3-2013");
        var path = Path.Combine(TestPaths.TempDirectory(), "sr.json");
        await using (var file = File.Create(path))
        {
            Castellan.Core.Oscal.OscalCatalogWriter.Write(catalog, file, _clock.GetUtcNow());
        }

        (await Should.ThrowAsync<InputException>(() => new ImportCatalog(db, _clock).RunAsync(path, null, replace: false)))
            .Message.ShouldContain("belongs to a shipped catalog");
        var copy = await new ImportCatalog(db, _clock).RunAsync(path, "sr-copy", replace: false);
        var back = await new LoadCatalog(target).RunAsync(copy.CatalogId);
        back.Requirements.SequenceEqual(catalog.Requirements).ShouldBeTrue();
    }

    [Fact]
    public void Parse_PicksTheProviderFromTheValue()
    {
        DatabaseTarget.Parse("Host=db.example;Database=castellan").Provider.ShouldBe(DatabaseProvider.Postgres);
        DatabaseTarget.Parse("/tmp/x.db").Provider.ShouldBe(DatabaseProvider.Sqlite);
        DatabaseTarget.Parse("Data Source=/tmp/y.db").SqliteFile.ShouldBe("/tmp/y.db");
    }

    [Theory]
    [InlineData("/tmp/castellan/x.db")]
    [InlineData("/tmp/My Plant/x.db")]
    [InlineData("/tmp/a;b=c/x'y\".db")]
    [InlineData("/tmp/ünïcödé/x.db")]
    public void SqliteConnectionString_IsWhatTheBuilderWrites(string path)
    {
        var written = DatabaseTarget.SqliteConnectionString(path);

        written.ShouldBe(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = false, ForeignKeys = true }.ToString());
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(written).DataSource.ShouldBe(path);
    }

    [Fact]
    public async Task Migrate_SqliteFileUnderAFile_IsRefusedAndLeavesNothing()
    {
        var blocker = Path.Combine(TestPaths.TempDirectory(), "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var target = DatabaseTarget.Parse(Path.Combine(blocker, "castellan.db"));

        var refused = await Should.ThrowAsync<InputException>(() => new MigrateDatabase(_clock).RunAsync(target));

        refused.Message.ShouldContain("cannot create the folder");
        (await File.ReadAllTextAsync(blocker)).ShouldBe("x");
    }
}
