using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Tests.Mappings;

internal static class TestCatalogs
{
    /// <summary>A catalog "ac" with AC-1 … AC-n (labels as in NIST SP 800-53), AC-2(1) and "SR 1.1 RE 1".</summary>
    public static Catalog Ac(int n)
    {
        var requirements = Enumerable.Range(1, n)
            .Select(i => new Requirement { Id = $"AC-{i}", Kind = RequirementKind.Control, Title = $"Control {i}" })
            .Append(new Requirement { Id = "AC-2(1)", Kind = RequirementKind.Control, Title = "Enhancement", ParentId = "AC-2" })
            .Append(new Requirement { Id = "SR 1.1 RE 1", Kind = RequirementKind.Control, Title = "Spaced id" })
            .ToList();
        return Catalog.Create(new CatalogHeader { Id = new CatalogId("ac"), Name = "AC", Title = "Access control", Edition = "1" }, requirements);
    }
}

internal static class MappingSetAssert
{
    public static void Same(MappingSet actual, MappingSet expected)
    {
        actual.Header.ShouldBe(expected.Header);
        actual.Mappings.Count.ShouldBe(expected.Mappings.Count);
        for (var i = 0; i < expected.Mappings.Count; i++)
        {
            actual.Mappings[i].ShouldBe(expected.Mappings[i], $"row {i}");
        }

        actual.OtSpecific.ShouldBe(expected.OtSpecific);
    }
}
