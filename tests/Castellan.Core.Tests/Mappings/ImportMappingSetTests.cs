using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Mappings;
using Castellan.Core.Persistence;
using Castellan.Domain.Mappings;
using Castellan.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Mappings;

/// <summary>Imports of OSCAL and YAML mapping sets on a real SQLite file and a real PostgreSQL server.</summary>
public sealed class ImportMappingSetTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private static MappingSet Shipped => ShippedCatalogs.Instance.MappingSets.First(s => s.OtSpecific.Count > 0 && s.Mappings.Any(m => m.TargetId is null));

    private async Task<DatabaseTarget> MigratedAsync(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        return target;
    }

    private static async Task<string> ExportAsync(MappingSet set)
    {
        var path = Path.Combine(TestPaths.TempDirectory(), "export.json");
        await File.WriteAllBytesAsync(path, OscalMappingTests.Export(set));
        return path;
    }

    private static async Task<MappingSet> LoadAsync(DatabaseTarget target, string id)
    {
        await using var connection = await SqlReads.OpenAsync(target, default);
        return (await SqlReads.MappingSetsAsync(connection, ShippedCatalogs.Instance.Catalogs, default)).Single(s => s.Header.Id == id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_ExportedShippedSetUnderANewId_StoresTheSameRows(string provider)
    {
        var target = await MigratedAsync(provider);
        var path = await ExportAsync(Shipped);

        var outcome = await new ImportMappingSet(target, _clock).RunAsync(path, null, null, "my-copy", replace: false);

        outcome.ShouldBe(new ImportMappingSet.Outcome("my-copy", Shipped.Header.Source.Value, Shipped.Header.Target.Value,
            Shipped.Mappings.Count, Shipped.OtSpecific.Count, false, []), new OutcomeComparer());
        var stored = await LoadAsync(target, "my-copy");
        stored.Mappings.ShouldBe(Shipped.Mappings);
        stored.OtSpecific.OrderBy(o => o.TargetId, StringComparer.Ordinal).ShouldBe(Shipped.OtSpecific.OrderBy(o => o.TargetId, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_Twice_IsRefusedUnlessReplace(string provider)
    {
        var target = await MigratedAsync(provider);
        var path = await ExportAsync(Shipped);
        var import = new ImportMappingSet(target, _clock);
        await import.RunAsync(path, null, null, "my-copy", replace: false);

        var error = await Should.ThrowAsync<InputException>(() => import.RunAsync(path, null, null, "my-copy", replace: false));
        var again = await import.RunAsync(path, null, null, "my-copy", replace: true);

        error.Message.ShouldBe("export.json: mapping set 'my-copy' already exists; use --replace to replace it");
        again.Replaced.ShouldBeTrue();
        (await LoadAsync(target, "my-copy")).Mappings.Count.ShouldBe(Shipped.Mappings.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_UnderAShippedId_IsRefusedEvenWithReplace(string provider)
    {
        var target = await MigratedAsync(provider);
        var path = await ExportAsync(Shipped);

        var error = await Should.ThrowAsync<InputException>(() => new ImportMappingSet(target, _clock).RunAsync(path, null, null, null, replace: true));

        error.Message.ShouldContain($"'{Shipped.Header.Id}' belongs to a shipped mapping set");
        (await LoadAsync(target, Shipped.Header.Id)).Mappings.ShouldBe(Shipped.Mappings);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_YamlMappingSet_UsesItsOwnIdOrTheOneGiven(string provider)
    {
        var target = await MigratedAsync(provider);
        var path = Path.Combine(TestPaths.RepositoryRoot, "catalogs", "mappings", Shipped.Header.Id + ".yaml");
        var import = new ImportMappingSet(target, _clock);

        var refused = await Should.ThrowAsync<InputException>(() => import.RunAsync(path, null, null, null, replace: false));
        var outcome = await import.RunAsync(path, null, null, "yaml-copy", replace: false);

        refused.Message.ShouldContain("belongs to a shipped mapping set");
        outcome.MappingSetId.ShouldBe("yaml-copy");
        (await LoadAsync(target, "yaml-copy")).Mappings.ShouldBe(Shipped.Mappings);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_TrestleMappingAfterImportingNist_MapsAc1ToAc2(string provider)
    {
        var nist = TestPaths.RequireTestData("oscal", "content", "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json");
        var mapping = TestPaths.RequireTestData("oscal", "mapping", "trestle_simple_mapping_1.2.1.json");
        var target = await MigratedAsync(provider);
        await using (var db = target.CreateContext())
        {
            await new ImportCatalog(db, _clock).RunAsync(nist, "nist", replace: false);
        }

        var outcome = await new ImportMappingSet(target, _clock).RunAsync(mapping, "nist", "nist", null, replace: false);

        outcome.MappingSetId.ShouldBe("nist-to-nist");
        outcome.Mappings.ShouldBe(1);
        outcome.Warnings.ShouldBeEmpty();
        await using var connection = await SqlReads.OpenAsync(target, default);
        var catalog = (await SqlReads.CatalogAsync(connection, "nist", default))!;
        var row = (await SqlReads.MappingSetsAsync(connection, [catalog], default)).Single().Mappings.ShouldHaveSingleItem();
        (row.SourceId, row.TargetId, row.Relationship).ShouldBe(("AC-1", "AC-2", Relationship.SubsetOf));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_UnknownCatalogOrMissingFile_IsAUsageError(string provider)
    {
        var target = await MigratedAsync(provider);
        var path = await ExportAsync(Shipped);
        var import = new ImportMappingSet(target, _clock);

        (await Should.ThrowAsync<UsageException>(() => import.RunAsync(path, "no-such-catalog", null, "x", replace: false)))
            .Message.ShouldContain("unknown catalog 'no-such-catalog'");
        (await Should.ThrowAsync<UsageException>(() => import.RunAsync(path + ".missing", null, null, null, replace: false)))
            .Message.ShouldContain("no such file");
    }

    private sealed class OutcomeComparer : IEqualityComparer<ImportMappingSet.Outcome>
    {
        public bool Equals(ImportMappingSet.Outcome? x, ImportMappingSet.Outcome? y) =>
            x is not null && y is not null && x with { Warnings = [] } == y with { Warnings = [] } && x.Warnings.SequenceEqual(y.Warnings);

        public int GetHashCode(ImportMappingSet.Outcome obj) => obj.MappingSetId.GetHashCode(StringComparison.Ordinal);
    }
}
