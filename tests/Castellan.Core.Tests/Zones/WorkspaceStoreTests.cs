using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Zones;

/// <summary>Workspaces between files and the database, on SQLite and PostgreSQL.</summary>
public sealed class WorkspaceStoreTests
{
    private static readonly string Plant = Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml");

    private static async Task<DatabaseTarget> DatabaseAsync(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(new FakeTimeProvider()).RunAsync(target);
        return target;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ImportThenExport_IsLossless(string provider)
    {
        var store = new WorkspaceStore(await DatabaseAsync(provider), TimeProvider.System, "test");
        var canonical = WorkspaceYamlWriter.Write(WorkspaceYaml.Read("plant.yaml", await File.ReadAllTextAsync(Plant)));

        var first = await store.ImportAsync(Plant);
        var again = await store.ImportAsync(Plant);
        var exported = WorkspaceYamlWriter.Write(await store.ExportAsync(null));
        var site = WorkspaceYamlWriter.Write(await store.ExportAsync("north-wtp"));

        first.Replaced.ShouldBeFalse();
        again.Replaced.ShouldBeTrue();
        again.Objects.ShouldBe(first.Objects);
        exported.ShouldBe(canonical);
        site.ShouldBe(canonical);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_ABrokenFile_LeavesTheDatabaseAsItWas(string provider)
    {
        var store = new WorkspaceStore(await DatabaseAsync(provider), TimeProvider.System, "test");
        await store.ImportAsync(Plant);
        var before = WorkspaceYamlWriter.Write(await store.ExportAsync(null));
        var broken = Path.Combine(TestPaths.TempDirectory(), "broken.yaml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Plant)).Replace("type: plc", "type: toaster", StringComparison.Ordinal));

        await Should.ThrowAsync<InputException>(() => store.ImportAsync(broken));

        WorkspaceYamlWriter.Write(await store.ExportAsync(null)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Export_UnknownSiteOrEmptyDatabase_IsAUsageError(string provider)
    {
        var store = new WorkspaceStore(await DatabaseAsync(provider), TimeProvider.System, "test");

        (await Should.ThrowAsync<UsageException>(() => store.ExportAsync(null))).Message.ShouldContain("castellan import");
        await store.ImportAsync(Plant);
        (await Should.ThrowAsync<UsageException>(() => store.ExportAsync("south"))).Message.ShouldContain("no site 'south'");
    }
}
