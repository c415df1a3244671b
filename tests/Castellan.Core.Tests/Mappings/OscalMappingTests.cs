using System.Text;
using System.Text.Json;
using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Mappings;
using Castellan.Core.Oscal;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;
using Castellan.Tests;
using Json.Schema;

namespace Castellan.Core.Tests.Mappings;

public sealed class OscalMappingTests
{
    public static TheoryData<string> ShippedSetIds => new(ShippedCatalogs.Instance.MappingSets.Select(s => s.Header.Id));

    // The mapping schema's $id-less definitions repeat the catalog schema's; without $ids nothing clashes in the registry.
    private static readonly Lazy<JsonSchema> MappingSchema = new(() => JsonSchema.FromText(
        File.ReadAllText(Path.Combine(TestPaths.TestData, "oscal", "schemas", "oscal_mapping_schema.json")).Replace("\"$id\"", "\"$comment\"", StringComparison.Ordinal)));

    private static readonly Lazy<Catalog> NistModerate = new(() =>
    {
        var path = Path.Combine(TestPaths.TestData, "oscal", "content", "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json");
        return OscalCatalogReader.Read(Path.GetFileName(path), File.ReadAllBytes(path), "nist");
    });

    private static readonly DateTimeOffset When = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly CatalogId Nist = new("nist");

    internal static byte[] Export(MappingSet set)
    {
        using var stream = new MemoryStream();
        OscalMappingWriter.Write(set, stream, When);
        return stream.ToArray();
    }

    private static MappingSet Shipped(string id) => ShippedCatalogs.Instance.MappingSets.Single(s => s.Header.Id == id);

    private static MappingImport ReadWith(Catalog catalog, string json, string? setId = "test") =>
        OscalMappingReader.Read("x.json", Encoding.UTF8.GetBytes(json), id => id == catalog.Id ? catalog : null, catalog.Id, catalog.Id, setId);

    private static MappingImport ReadDataFile(string file, Catalog catalog, params string[] folders)
    {
        var path = TestPaths.RequireTestData(["oscal", "mapping", .. folders, file]);
        return OscalMappingReader.Read(file, File.ReadAllBytes(path), id => id == catalog.Id ? catalog : null, catalog.Id, catalog.Id, "test");
    }

    [Theory]
    [MemberData(nameof(ShippedSetIds))]
    public void Export_ShippedMappingSet_IsValidAgainstTheOscalMappingSchema(string id)
    {
        TestPaths.RequireTestData("oscal", "schemas", "oscal_mapping_schema.json");

        var result = MappingSchema.Value.Evaluate(JsonDocument.Parse(Export(Shipped(id))).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        result.IsValid.ShouldBeTrue(string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(5)
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public void MappingSchema_RefusesAnInvalidDocument()
    {
        TestPaths.RequireTestData("oscal", "schemas", "oscal_mapping_schema.json");
        var json = Encoding.UTF8.GetString(Export(ShippedCatalogs.Instance.MappingSets[0])).Replace("\"maps\"", "\"mops\"", StringComparison.Ordinal);

        MappingSchema.Value.Evaluate(JsonDocument.Parse(json).RootElement).IsValid.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(ShippedSetIds))]
    public void ExportThenImport_GivesTheSameMappingSet(string id)
    {
        var original = Shipped(id);

        var back = OscalMappingReader.Read("export.json", Export(original), ShippedCatalogs.Instance.Find, null, null, null);

        back.Warnings.ShouldBeEmpty();
        MappingSetAssert.Same(back.Set, original);
    }

    [Fact]
    public void Export_IsDeterministic() =>
        Export(ShippedCatalogs.Instance.MappingSets[0]).ShouldBe(Export(ShippedCatalogs.Instance.MappingSets[0]));

    [Fact]
    public void ExportThenImport_EveryRelationship_UsesTheOscalTokenAndComesBackExactly()
    {
        var catalog = TestCatalogs.Ac(30);
        var relationships = Enum.GetValues<Relationship>();
        var rows = relationships.Select((r, i) => new Mapping
        {
            SourceId = $"AC-{i + 1}",
            TargetId = $"AC-{i + 10}",
            Relationship = r,
            Strength = i,
            Rationale = i % 2 == 0 ? $"why {i}\nsecond line" : null,
            Provenance = $"source {i}",
            Status = i % 2 == 0 ? VerificationStatus.Unsure : VerificationStatus.Verified,
        }).Append(new Mapping { SourceId = "AC-20", Relationship = Relationship.NoRelationship, Rationale = "IT only", Provenance = "p" })
            .Append(new Mapping { SourceId = "AC-21", TargetId = "AC-10", Relationship = Relationship.Equal, Provenance = "p" }).ToList();
        var set = MappingSet.Create(new MappingSetHeader { Id = "ac-to-ac", Source = catalog.Id, Target = catalog.Id, Title = "AC", Provenance = "p" },
            rows, catalog, catalog, [new OtSpecificRequirement { TargetId = "AC-25", Rationale = "OT only", Provenance = "q", Status = VerificationStatus.Unsure }]);

        var json = Export(set);
        var back = OscalMappingReader.Read("x.json", json, id => id == catalog.Id ? catalog : null, null, null, "ac-to-ac");

        var maps = JsonDocument.Parse(json).RootElement.GetProperty("mapping-collection").GetProperty("mappings")[0].GetProperty("maps");
        maps.EnumerateArray().Take(relationships.Length).Select(m => m.GetProperty("relationship").GetString()).ShouldBe(
            ["equal-to", "subset-of", "superset-of", "intersects-with", "subset-of", "intersects-with", "no-relationship"]);
        back.Warnings.ShouldBeEmpty();
        MappingSetAssert.Same(back.Set, set);
    }

    [Fact]
    public void Read_Trestle121Mapping_ImportsWithoutWarnings()
    {
        TestPaths.RequireTestData("oscal", "content", "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json");

        var import = ReadDataFile("trestle_simple_mapping_1.2.1.json", NistModerate.Value);

        import.Warnings.ShouldBeEmpty();
        import.Set.Header.Title.ShouldBe("Trestle test mapping-collection");
        import.Set.Header.Provenance.ShouldBe("Simple test mapping collection for trestle validation");
        var row = import.Set.Mappings.ShouldHaveSingleItem();
        (row.SourceId, row.TargetId, row.Relationship).ShouldBe(("AC-1", "AC-2", Relationship.SubsetOf));
        row.Status.ShouldBe(VerificationStatus.Unsure); // the collection is a draft
    }

    [Fact]
    public void Read_ForeignHrefsWithoutCatalogs_AsksForSourceNamingTheHref()
    {
        var path = TestPaths.RequireTestData("oscal", "mapping", "trestle_simple_mapping_1.2.1.json");

        var error = Should.Throw<UsageException>(() => OscalMappingReader.Read("t.json", File.ReadAllBytes(path), _ => null, null, null, null));

        error.Message.ShouldContain("'https://foo/bar.json'");
        error.Message.ShouldContain("--source");
    }

    [Fact]
    public void Read_UnknownCatalog_IsAUsageErrorNamingIt()
    {
        var path = TestPaths.RequireTestData("oscal", "mapping", "trestle_simple_mapping_1.2.1.json");

        Should.Throw<UsageException>(() => OscalMappingReader.Read("t.json", File.ReadAllBytes(path), _ => null, Nist, Nist, null))
            .Message.ShouldContain("unknown catalog 'nist'");
    }

    [Fact]
    public void Read_DraftSimpleMapping_WarnsAboutTheVersionAndTheMethod()
    {
        TestPaths.RequireTestData("oscal", "content", "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json");

        var import = ReadDataFile("trestle_simple_mapping.json", NistModerate.Value, "draft");

        import.Warnings.ShouldBe([
            "$.mapping-collection.metadata.oscal-version: '1.0.4' is not 1.2.x; read as OSCAL 1.2.1 (written against a pre-release draft?)",
            "$.mapping-collection.provenance.method: 'manual' is not one of human, automation, hybrid in OSCAL 1.2.1 (written against a pre-release draft?)",
        ], ignoreOrder: true);
        import.Set.Mappings.ShouldHaveSingleItem().Relationship.ShouldBe(Relationship.SubsetOf);
    }

    [Fact]
    public void Read_DraftComprehensiveMapping_WarnsAboutEveryDeviation()
    {
        var import = ReadDataFile("trestle_comprehensive_mapping.json", TestCatalogs.Ac(25), "draft");

        const string Map0 = "$.mapping-collection.mappings[0].maps[0]";
        string[] expected =
        [
            "$.mapping-collection.metadata.oscal-version: '1.0.4' is not 1.2.x",
            "$.mapping-collection.provenance.coverage.generation-method: 'hybrid' is not one of the listed values arbitrary in OSCAL 1.2.1 (the list is open: kept)",
            $"{Map0}.qualifiers[0].subject: 'implementation' is not one of source, target, both in OSCAL 1.2.1",
            $"{Map0}.qualifiers[0].predicate: 'requires' is not one of has-requirement, has-incompatibility in OSCAL 1.2.1",
            $"{Map0}.qualifiers[0].category: 'requirement' is not one of restricted, addressable, blocked in OSCAL 1.2.1",
            "$.mapping-collection.mappings[0].coverage.generation-method: 'manual' is not one of the listed values arbitrary",
            $"{Map0}.ns: relationship 'equal-to' is qualified by 'https://example.com/ns/mapping'",
            "$.mapping-collection.mappings[0].maps[1].sources[0]: statement 'ac-2_smt.a' is mapped as its whole requirement 'AC-2'",
            "$.mapping-collection.mappings[0].maps[1].sources[1]: statement 'ac-2_smt.b' is mapped as its whole requirement 'AC-2'",
            "$.mapping-collection.mappings[0].maps[2].targets[0]: statement 'ac-5_smt.a' is mapped as its whole requirement 'AC-5'",
            "$.mapping-collection.mappings[0].maps[2].targets[1]: statement 'ac-5_smt.b' is mapped as its whole requirement 'AC-5'",
            "$.mapping-collection.mappings[0].maps[2].targets[2]: statement 'ac-5_smt.c' is mapped as its whole requirement 'AC-5'",
        ];
        import.Warnings.Count.ShouldBe(expected.Length, string.Join("\n", import.Warnings));
        foreach (var warning in expected)
        {
            import.Warnings.ShouldContain(w => w.StartsWith(warning, StringComparison.Ordinal), warning);
        }

        import.Set.Mappings.Select(m => (m.SourceId, m.TargetId, m.Relationship)).ShouldBe([
            ("AC-1", "AC-1", Relationship.Equal), ("AC-2", "AC-3", Relationship.SubsetOf), ("AC-4", "AC-5", Relationship.Intersects),
            ("AC-10", null, Relationship.NoRelationship), ("AC-11", null, Relationship.NoRelationship),
        ]);
        import.Set.Mappings[0].Rationale.ShouldBe("Direct one-to-one mapping");
        import.Set.OtSpecific.Select(o => o.TargetId).ShouldBe(["AC-20", "AC-21"]);
        import.Set.Mappings.ShouldAllBe(m => m.Status == VerificationStatus.Verified); // its status is complete
    }
}
