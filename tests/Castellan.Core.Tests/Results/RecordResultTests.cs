using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Results;
using Castellan.Core.Zones;
using Castellan.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Results;

/// <summary>Results recorded in the database carry their assessor and date through export and the YAML file.</summary>
public sealed class RecordResultTests
{
    private static readonly string Plant = Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml");

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Record_ThenExport_KeepsAssessorAndDate_AndAStaleVersionWritesNothing(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(new FakeTimeProvider()).RunAsync(database);
        var store = new WorkspaceStore(database, TimeProvider.System, "test");
        await store.ImportAsync(Plant);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

        await using (var db = database.CreateContext())
        {
            var input = new RecordResult.Input("not-met", null, "shared service account", null, "A. Assessor", new DateOnly(2026, 11, 20), 0);
            var saved = await new RecordResult(db, clock).RunAsync("north-wtp", "scada", "SR 1.2", input, "user:alice");
            saved.Version.ShouldBe(1);
        }

        await using (var db = database.CreateContext())
        {
            var stale = new RecordResult.Input("met", null, null, null, null, null, 0);
            var conflict = await Should.ThrowAsync<EditConflictException>(() => new RecordResult(db, clock).RunAsync("north-wtp", "scada", "SR 1.2", stale, "user:bob"));
            conflict.TheirVersion.ShouldBe(1);
            conflict.YourVersion.ShouldBe(0);
            conflict.TheirJson!.ShouldContain("\"status\":\"not-met\"");
            conflict.YourJson!.ShouldContain("\"status\":\"met\"");
            conflict.Message.ShouldContain("you edited version 0");
        }

        var exported = await store.ExportAsync("north-wtp");
        var result = exported.Results.Single(r => r.Scope == "zone:scada" && r.Requirement == "SR 1.2");
        (result.Status, result.Assessor, result.Assessed).ShouldBe((Domain.Zones.ResultStatus.NotMet, "A. Assessor", new DateOnly(2026, 11, 20)));
        var reread = WorkspaceYaml.Read("again.yaml", WorkspaceYamlWriter.Write(exported)).Results.Single(r => r.Scope == "zone:scada" && r.Requirement == "SR 1.2");
        reread.ShouldBe(result);
    }
}
