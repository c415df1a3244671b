using Castellan.Core.Catalogs;
using Castellan.Domain.Catalogs;

namespace Castellan.Core.Tests.Catalogs;

/// <summary>The shipped catalogs hold the structure of the standards (../shared/reference/standards.md).</summary>
public sealed class ShippedCatalogsTests
{
    private static readonly ShippedCatalogs Shipped = ShippedCatalogs.Instance;

    private static Catalog Get(string id) => Shipped.Find(new CatalogId(id)).ShouldNotBeNull();

    private static List<Requirement> OfKind(Catalog catalog, RequirementKind kind) => [.. catalog.Requirements.Where(r => r.Kind == kind)];

    [Fact]
    public void Shipped_HasEveryStandardOfTheFoundation() =>
        Shipped.Catalogs.Select(c => c.Id.Value).Order().ToArray().ShouldBe([
            "iec62443-2-1-2024", "iec62443-2-4-2023", "iec62443-3-2-2020", "iec62443-3-3-2013", "iec62443-4-1-2018",
            "iec62443-4-2-2019", "iso27001-2013", "iso27001-2022", "iso27002-2022"]);

    [Fact]
    public void Iso27001_2022_Has93AnnexAControlsIn4Themes()
    {
        var catalog = Get("iso27001-2022");
        var controls = OfKind(catalog, RequirementKind.Control);
        controls.Count.ShouldBe(93);
        controls.GroupBy(c => c.ParentId).Select(g => (g.Key, g.Count())).ShouldBe([("A.5", 37), ("A.6", 8), ("A.7", 14), ("A.8", 34)]);
        foreach (var clause in new[] { "4", "5", "6", "7", "8", "9", "10", "6.1.2", "6.1.3", "9.2.2", "10.2" })
        {
            catalog.Find(clause).ShouldNotBeNull().Kind.ShouldBe(RequirementKind.Clause);
        }

        catalog.Find("A.5.23").ShouldNotBeNull().Title.ShouldContain("cloud");
    }

    [Fact]
    public void Iso27002_2022_Has93ControlsWithTheFiveAttributeTypes()
    {
        var controls = OfKind(Get("iso27002-2022"), RequirementKind.Control);
        controls.Count.ShouldBe(93);
        foreach (var control in controls)
        {
            control.Attributes.Keys.Order().ToArray().ShouldBe(
                ["control-type", "cybersecurity-concepts", "operational-capabilities", "security-domains", "security-properties"], customMessage: control.Id);
        }

        controls.Single(c => c.Id == "5.7").Attributes["control-type"].ShouldBe(["Preventive", "Detective", "Corrective"]);
    }

    [Fact]
    public void Iso27001_2013_Has114ControlsAndEachMapsTo2022()
    {
        var catalog = Get("iso27001-2013");
        var controls = OfKind(catalog, RequirementKind.Control);
        controls.Count.ShouldBe(114);
        catalog.Requirements.Count(r => r.Kind == RequirementKind.Group).ShouldBe(35);

        var correspondence = Shipped.MappingSets.Single(m => m.Header.Source.Value == "iso27001-2013" && m.Header.Target.Value == "iso27001-2022");
        correspondence.Mappings.Select(m => m.SourceId).Distinct().Count().ShouldBe(114);
        correspondence.Mappings.ShouldContain(m => m.SourceId == "A.13.2.1" && m.TargetId == "A.5.14");
        correspondence.Mappings.ShouldAllBe(m => m.Provenance.Length > 0);
    }

    [Fact]
    public void Iec62443_3_3_Has51SrsPerFrAnd49Res()
    {
        var catalog = Get("iec62443-3-3-2013");
        var srs = OfKind(catalog, RequirementKind.SystemRequirement);
        srs.Count.ShouldBe(51);
        srs.GroupBy(s => s.ParentId).Select(g => g.Count()).ShouldBe([13, 12, 9, 3, 4, 2, 8]);
        OfKind(catalog, RequirementKind.RequirementEnhancement).Count.ShouldBe(49);
        OfKind(catalog, RequirementKind.FoundationalRequirement).Count.ShouldBe(7);
    }

    [Fact]
    public void Iec62443_3_3_SlMatrix_MatchesTheStandard()
    {
        var catalog = Get("iec62443-3-3-2013");
        catalog.Find("SR 1.1").ShouldNotBeNull().Levels.ShouldBe(LevelSet.Of(1, 2, 3, 4));
        catalog.Find("SR 1.1 RE 1").ShouldNotBeNull().Levels.ShouldBe(LevelSet.Of(2, 3, 4));
        catalog.Find("SR 1.1 RE 2").ShouldNotBeNull().Levels.First.ShouldBe(3);
        catalog.Find("SR 1.1 RE 3").ShouldNotBeNull().Levels.First.ShouldBe(4);
        catalog.Find("SR 1.2").ShouldNotBeNull().Levels.Contains(1).ShouldBeFalse();
        catalog.Find("SR 2.7").ShouldNotBeNull().Levels.First.ShouldBe(3);
        catalog.Find("SR 5.2 RE 2").ShouldNotBeNull().Title.ShouldContain("sland");

        catalog.AtLevel(1).ShouldNotContain(r => r.Id == "SR 1.2");
        catalog.AtLevel(2).ShouldContain(r => r.Id == "SR 1.1 RE 1");
        catalog.AtLevel(2).ShouldNotContain(r => r.Id == "SR 1.1 RE 2");
    }

    [Fact]
    public void Iec62443_4_2_HasComponentConstraintsTypesAndLevels()
    {
        var catalog = Get("iec62443-4-2-2019");
        OfKind(catalog, RequirementKind.CommonComponentSecurityConstraint).Select(c => c.Id).ShouldBe(["CCSC 1", "CCSC 2", "CCSC 3", "CCSC 4"]);
        catalog.Find("CR 1.1").ShouldNotBeNull().Levels.ShouldBe(LevelSet.Of(1, 2, 3, 4));
        catalog.Find("CR 1.1 RE 1").ShouldNotBeNull().Levels.First.ShouldBe(2);
        foreach (var type in Enum.GetValues<ComponentType>())
        {
            catalog.Requirements.ShouldContain(r => r.ComponentType == type, $"no {type} requirement");
        }

        catalog.Find("NDR 5.2").ShouldNotBeNull().ComponentType.ShouldBe(ComponentType.NDR);
    }

    [Fact]
    public void Iec62443_ProgramCatalogs_HaveTheirStructure()
    {
        OfKind(Get("iec62443-2-1-2024"), RequirementKind.SecurityProgramElement).Count.ShouldBe(8);
        OfKind(Get("iec62443-2-4-2023"), RequirementKind.FunctionalArea).Select(a => a.Id).ShouldBe(Enumerable.Range(1, 12).Select(n => $"SP.{n:00}"));
        var zcr = Get("iec62443-3-2-2020");
        OfKind(zcr, RequirementKind.ZoneConduitRequirement).Count.ShouldBe(7);
        zcr.AssessableCount.ShouldBe(32);
        zcr.Find("ZCR 5.6").ShouldNotBeNull();
        var sdl = Get("iec62443-4-1-2018");
        OfKind(sdl, RequirementKind.Practice).Count.ShouldBe(8);
        sdl.AssessableCount.ShouldBe(47);
        sdl.Find("SR-1").ShouldNotBeNull().ParentId.ShouldBe("SR");
    }

    [Fact]
    public void EveryRecord_CarriesStatusAndSource()
    {
        foreach (var catalog in Shipped.Catalogs)
        {
            catalog.Requirements.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.Source), catalog.Id.Value);
            catalog.Requirements.ShouldAllBe(r => r.Text == null, "shipped catalogs hold no normative text");
            catalog.Requirements.ShouldAllBe(r => r.Title.Length <= 120, "titles are short");
        }
    }

    [Fact]
    public void MappingSets_UseKnownRelationships() =>
        Shipped.MappingSets.SelectMany(s => s.Mappings).ShouldAllBe(m => Enum.IsDefined(m.Relationship));

    [Fact]
    public void ContentHash_IsStable() => ShippedCatalogs.ContentHash().ShouldBe(ShippedCatalogs.ContentHash());
}
