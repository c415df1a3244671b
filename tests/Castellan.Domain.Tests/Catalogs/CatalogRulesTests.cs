using Castellan.Domain.Catalogs;

namespace Castellan.Domain.Tests.Catalogs;

public sealed class CatalogRulesTests
{
    private static readonly CatalogHeader SlHeader = new()
    {
        Id = new CatalogId("test-sl"),
        Name = "Test",
        Title = "Test catalog",
        Edition = "1",
        Grading = Grading.SecurityLevel,
    };

    private static Requirement Fr(string id) => new() { Id = id, Kind = RequirementKind.FoundationalRequirement, Title = id, Assessable = false };

    private static Requirement Sr(string id, string parent, params int[] levels) =>
        new() { Id = id, Kind = RequirementKind.SystemRequirement, Title = id, ParentId = parent, Levels = LevelSet.Of(levels) };

    private static Requirement Re(string id, string parent, params int[] levels) =>
        new() { Id = id, Kind = RequirementKind.RequirementEnhancement, Title = id, ParentId = parent, Levels = LevelSet.Of(levels) };

    [Fact]
    public void Check_ValidSlCatalog_HasNoProblems() =>
        CatalogRules.Check(SlHeader, [Fr("FR 1"), Sr("SR 1.1", "FR 1", 1, 2, 3, 4), Re("SR 1.1 RE 1", "SR 1.1", 2, 3, 4)]).ShouldBeEmpty();

    [Fact]
    public void Check_DuplicateId_IsNamed() =>
        CatalogRules.Check(SlHeader, [Fr("FR 1"), Fr("FR 1")]).ShouldHaveSingleItem().Message.ShouldContain("duplicate id 'FR 1'");

    [Fact]
    public void Check_ParentDefinedLaterOrMissing_IsRefused()
    {
        var problem = CatalogRules.Check(SlHeader, [Sr("SR 1.1", "FR 1", 1, 2, 3, 4), Fr("FR 1")]).ShouldHaveSingleItem();
        problem.RequirementId.ShouldBe("SR 1.1");
        problem.Field.ShouldBe("parent");
    }

    [Fact]
    public void Check_EnhancementBelowItsParentsFirstLevel_IsRefused() =>
        CatalogRules.Check(SlHeader, [Fr("FR 1"), Sr("SR 1.2", "FR 1", 2, 3, 4), Re("SR 1.2 RE 1", "SR 1.2", 1, 2, 3, 4)])
            .ShouldHaveSingleItem().Field.ShouldBe("levels");

    [Fact]
    public void Check_EnhancementOfAnFr_IsRefused() =>
        CatalogRules.Check(SlHeader, [Fr("FR 1"), Re("FR 1 RE 1", "FR 1", 2, 3, 4)])
            .ShouldContain(p => p.Field == "parent" && p.Message.Contains("belongs to an SR or CR"));

    [Fact]
    public void Check_EnhancementIdNotNamedAfterParent_IsRefused() =>
        CatalogRules.Check(SlHeader, [Fr("FR 1"), Sr("SR 1.1", "FR 1", 1, 2, 3, 4), Re("SR 1.1 (1)", "SR 1.1", 2, 3, 4)])
            .ShouldHaveSingleItem().Field.ShouldBe("id");

    [Fact]
    public void Check_LevelsWithHoles_AreRefused() =>
        CatalogRules.Check(SlHeader, [Fr("FR 1"), Sr("SR 1.1", "FR 1", 1, 3)]).ShouldHaveSingleItem().Field.ShouldBe("levels");

    [Fact]
    public void Check_LevelsInUngradedCatalog_AreRefused() =>
        CatalogRules.Check(SlHeader with { Grading = Grading.None }, [Fr("FR 1"), Sr("SR 1.1", "FR 1", 1, 2, 3, 4)])
            .ShouldHaveSingleItem().Message.ShouldContain("only allowed in security-level catalogs");

    [Fact]
    public void Create_BrokenCatalog_ThrowsWithAllProblems()
    {
        var e = Should.Throw<CatalogInvalidException>(() => Catalog.Create(SlHeader, [Fr("FR 1"), Fr("FR 1"), Sr("SR 9.9", "FR 9", 1, 2, 3, 4)]));
        e.Problems.Count.ShouldBe(2);
    }

    [Fact]
    public void AtLevel_KeepsRequiredNodesAndTheirAncestors()
    {
        var catalog = Catalog.Create(SlHeader,
            [Fr("FR 1"), Sr("SR 1.1", "FR 1", 1, 2, 3, 4), Re("SR 1.1 RE 1", "SR 1.1", 2, 3, 4), Sr("SR 1.2", "FR 1", 2, 3, 4), Fr("FR 2"), Sr("SR 2.7", "FR 2", 3, 4)]);

        catalog.AtLevel(1).Select(r => r.Id).ShouldBe(["FR 1", "SR 1.1"]);
        catalog.AtLevel(2).Select(r => r.Id).ShouldBe(["FR 1", "SR 1.1", "SR 1.1 RE 1", "SR 1.2"]);
        catalog.AtLevel(3).Select(r => r.Id).ShouldBe(["FR 1", "SR 1.1", "SR 1.1 RE 1", "SR 1.2", "FR 2", "SR 2.7"]);
    }

    [Theory]
    [InlineData("NIST SP 800-53 Rev. 5", "nist-sp-800-53-rev-5")]
    [InlineData("  ***  ", "imported-catalog")]
    public void CatalogId_FromTitle_IsAValidSlug(string title, string expected)
    {
        var id = CatalogId.FromTitle(title);
        id.Value.ShouldBe(expected);
        CatalogId.IsValid(id.Value).ShouldBeTrue();
    }
}
