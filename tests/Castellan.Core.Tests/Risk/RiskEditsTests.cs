using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Risk;
using Castellan.Core.Zones;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Risk;

/// <summary>The web's risk and catalog use cases on a real database: version checks, rules, audit, SQL search.</summary>
public sealed class RiskEditsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private async Task<DatabaseTarget> PlantAsync(string provider, bool approved)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        var text = (await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml"))).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!approved)
        {
            text = text.Replace("        - { zcr: 7, by: Plant manager, date: 2025-05-06, note: \"Approved at the risk committee, minutes RC-2025-05\" }\n", "", StringComparison.Ordinal);
        }

        await new WorkspaceStore(target, _clock, "test").ImportAsync(WorkspaceYaml.Read("plant.yaml", text), "plant.yaml");
        return target;
    }

    private static EditRiskMatrix.Input Matrix(ShowSiteRisk.MatrixView m, string tolerable) =>
        new(m.Likelihood, m.Impact, m.Bands, m.Cells, tolerable, null);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EditRiskMatrix_StaleVersion_NamesBothVersions_AndWritesNothing(string provider)
    {
        var target = await PlantAsync(provider, approved: true);
        await using var db = target.CreateContext();
        var (matrix, version) = await new ShowSiteRisk(db).MatrixAsync();
        (await new EditRiskMatrix(db, _clock).RunAsync("user:a", Matrix(matrix, "significant"), version)).ShouldBe(version + 1);

        await using var other = target.CreateContext();
        var conflict = await Should.ThrowAsync<EditConflictException>(() => new EditRiskMatrix(other, _clock).RunAsync("user:b", Matrix(matrix, "low"), version));
        (conflict.YourVersion, conflict.TheirVersion).ShouldBe((version, version + 1));
        conflict.TheirJson!.ShouldContain("significant");
        conflict.Message.ShouldContain($"version {version}");

        await using var check = target.CreateContext();
        (await new ShowSiteRisk(check).MatrixAsync()).Matrix.Tolerable.ShouldBe("significant");
        (await check.AuditRecords.CountAsync(a => a.Action == "risk.matrix.update")).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ApproveRiskAssessment_ResidualAboveTolerableAndNotAccepted_IsRefusedNamingTheScenario(string provider)
    {
        var target = await PlantAsync(provider, approved: false);
        await using var db = target.CreateContext();
        var (matrix, version) = await new ShowSiteRisk(db).MatrixAsync();
        version = await new EditRiskMatrix(db, _clock).RunAsync("user:a", Matrix(matrix, "low"), version);

        await using var approving = target.CreateContext();
        var refused = await Should.ThrowAsync<InputException>(() => new ApproveRiskAssessment(approving, _clock).RunAsync("user:a", "north-wtp", "ra-treatment-ics-2025", null, version));
        refused.Message.ShouldContain("scenario R-01: treatment.acceptance");
        refused.Message.ShouldNotContain("scenario R-06"); // accepted by its risk owner

        await using var check = target.CreateContext();
        (await check.AuditRecords.CountAsync(a => a.Action == "risk.assessment.approve")).ShouldBe(0);
        (await new ShowSiteRisk(check).RunAsync("north-wtp")).Assessments.Single(a => a.Id == "ra-treatment-ics-2025").Approval.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SearchRequirements_MatchesTheInMemoryFilter(string provider)
    {
        var target = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(_clock).RunAsync(target);
        await using var db = target.CreateContext();
        var catalog = await new LoadCatalog(target).RunAsync("iec62443-3-3-2013");
        var page = await new SearchRequirements(db).RunAsync("iec62443-3-3-2013", "Re 1", 3, 1, SearchRequirements.MaxPageSize);
        var expected = catalog.Requirements.Where(r => r.Levels.Contains(3)
            && (r.Id.Contains("re 1", StringComparison.OrdinalIgnoreCase) || r.Title.Contains("re 1", StringComparison.OrdinalIgnoreCase))).Select(r => r.Id).ToList();
        expected.ShouldNotBeEmpty();
        page.Total.ShouldBe(expected.Count);
        page.Items.Select(i => i.Id).ShouldBe(expected);
        (await new SearchRequirements(db).RunAsync("iec62443-3-3-2013", "100%_", null)).Total.ShouldBe(0);
    }
}
