using System.Text;
using Castellan.Core.Common;
using Castellan.Core.Mappings;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Tests.Mappings;

/// <summary>How the reader treats documents other tools write: what it refuses, what it warns about, how it resolves ids.</summary>
public sealed class OscalMappingReaderTests
{
    private const string Ns = "https://castellan.dev/ns/oscal";

    private static readonly Catalog Catalog = TestCatalogs.Ac(20);

    private static string Map(string relationship, string sources, string targets, string extra = "") =>
        $$"""{"uuid": "6ea13065-8cae-4dac-a0f2-a7f5e8f54c64", "relationship": "{{relationship}}", "sources": [{{sources}}], "targets": [{{targets}}]{{extra}}}""";

    private static string Item(string id, string type = "control") => $$"""{"type": "{{type}}", "id-ref": "{{id}}"}""";

    private static string Document(string maps, string mappingExtra = "") => $$$"""
        {"mapping-collection": {
          "uuid": "4ea13065-8cae-4dac-a0f2-a7f5e8f54c64",
          "metadata": {"title": "t", "last-modified": "2024-01-01T00:00:00Z", "version": "1", "oscal-version": "1.2.1"},
          "provenance": {"method": "human", "matching-rationale": "semantic", "status": "complete", "mapping-description": "d"},
          "mappings": [{"uuid": "5ea13065-8cae-4dac-a0f2-a7f5e8f54c64",
            "source-resource": {"type": "catalog", "href": "urn:castellan:catalog:ac"},
            "target-resource": {"type": "catalog", "href": "urn:castellan:catalog:ac"},
            "maps": [{{{maps}}}]{{{mappingExtra}}}}]}}
        """;

    private static readonly string Simple = Document(Map("equal-to", Item("AC-1"), Item("AC-2")));

    private static MappingImport Read(string json) =>
        OscalMappingReader.Read("x.json", Encoding.UTF8.GetBytes(json), id => id == Catalog.Id ? Catalog : null, null, null, null);

    [Fact]
    public void Read_SimpleDocument_ResolvesCatalogsFromCastellanHrefs()
    {
        var import = Read(Simple);

        import.Warnings.ShouldBeEmpty();
        import.Set.Header.Id.ShouldBe("ac-to-ac");
        import.Set.Mappings.ShouldHaveSingleItem().ShouldBe(new Mapping
        {
            SourceId = "AC-1", TargetId = "AC-2", Relationship = Relationship.Equal, Provenance = "d", Status = VerificationStatus.Verified,
        });
    }

    [Theory]
    [InlineData("\"version\": \"1\"", "\"version\": \"1\", \"colour\": \"red\"", "$.mapping-collection.metadata: unknown field 'colour' in metadata")]
    [InlineData("\"relationship\": \"equal-to\", ", "", "$.mapping-collection.mappings[0].maps[0]: required field 'relationship' of map is missing")]
    [InlineData("\"method\": \"human\"", "\"method\": 1", "$.mapping-collection.provenance.method: expected a one-line string without surrounding spaces, found a number")]
    [InlineData("4ea13065-8cae-4dac-a0f2-a7f5e8f54c64", "not-a-uuid", "$.mapping-collection.uuid: 'not-a-uuid' is not a version 4 or 5 UUID")]
    [InlineData("\"id-ref\": \"AC-1\"", "\"id-ref\": \"ZZ-9\"", "$.mapping-collection.mappings[0].maps[0].sources[0].id-ref: 'ZZ-9' is not a requirement of catalog 'ac'")]
    [InlineData("\"relationship\": \"equal-to\"", "\"relationship\": \"equal-to\", \"confidence-score\": {\"category\": \"high\", \"percentage\": 0.9}",
        "$.mapping-collection.mappings[0].maps[0].confidence-score: a confidence-score holds either 'category' or 'percentage', not both")]
    [InlineData("\"relationship\": \"equal-to\"", "\"relationship\": \"equal-to\", \"confidence-score\": {\"percentage\": \"high\"}",
        "$.mapping-collection.mappings[0].maps[0].confidence-score.percentage: expected a number, found a string")]
    [InlineData("\"relationship\": \"equal-to\"", "\"relationship\": \"equal-to\", \"method\": \"human\"", "$.mapping-collection.mappings[0].maps[0]: unknown field 'method' in map")]
    [InlineData("\"relationship\": \"equal-to\"", "\"relationship\": \"equal to\"", "$.mapping-collection.mappings[0].maps[0].relationship: 'equal to' is not a token")]
    [InlineData("[{\"type\": \"control\", \"id-ref\": \"AC-2\"}]", "[]", "$.mapping-collection.mappings[0].maps[0].targets: an OSCAL array must not be empty")]
    [InlineData("\"maps\": [", "\"maps\": {\"x\": [", "not valid JSON")]
    [InlineData("\"mapping-collection\"", "\"catalog\"", "$: found 'catalog' where an OSCAL 'mapping-collection' was expected")]
    [InlineData("\"relationship\": \"equal-to\"", "\"relationship\": \"equal-to\", \"props\": [{\"name\": \"strength\", \"ns\": \"" + Ns + "\", \"value\": \"11\"}]",
        "$.mapping-collection.mappings[0].maps[0].props: Castellan strength '11' is not a whole number 0–10")]
    public void Read_MalformedDocuments_AreRefusedWithTheirPath(string find, string replace, string expected)
    {
        var json = Simple.Replace(find, replace, StringComparison.Ordinal);
        json.ShouldNotBe(Simple);

        var error = Should.Throw<InputException>(() => Read(json));

        error.Message.ShouldStartWith("x.json");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Read_TargetBothMappedAndUnmapped_IsRefusedNamingIt()
    {
        var json = Document(Map("equal-to", Item("AC-1"), Item("AC-2")),
            """, "target-gap-summary": {"uuid": "7ea13065-8cae-4dac-a0f2-a7f5e8f54c64", "unmapped-controls": [{"with-ids": ["AC-2"]}]}""");

        Should.Throw<InputException>(() => Read(json)).Message.ShouldContain("'AC-2' is marked OT-specific but also has a mapping row");
    }

    [Fact]
    public void Read_UnknownRelationship_SkipsTheMapWithAWarning()
    {
        var json = Document(Map("related-to", Item("AC-1"), Item("AC-2")) + ", " + Map("superset-of", Item("AC-3"), Item("AC-4")));

        var import = Read(json);

        import.Warnings.ShouldBe([
            "$.mapping-collection.mappings[0].maps[0].relationship: 'related-to' is not one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship; the map is skipped",
        ]);
        import.Set.Mappings.ShouldHaveSingleItem().Relationship.ShouldBe(Relationship.SupersetOf);
    }

    [Fact]
    public void Read_EquivalentTo_IsEqual() =>
        Read(Document(Map("equivalent-to", Item("AC-1"), Item("AC-2")))).Set.Mappings.ShouldHaveSingleItem().Relationship.ShouldBe(Relationship.Equal);

    [Fact]
    public void Read_CastellanRelationshipProp_RefinesTheTokenOnlyWhenItFits()
    {
        string Prop(string value) => $$""", "props": [{"name": "relationship", "ns": "{{Ns}}", "value": "{{value}}"}]""";
        var json = Document(Map("subset-of", Item("AC-1"), Item("AC-2"), Prop("refines")) + ", " + Map("equal-to", Item("AC-3"), Item("AC-4"), Prop("supplements")));

        var import = Read(json);

        import.Set.Mappings.Select(m => m.Relationship).ShouldBe([Relationship.Refines, Relationship.Equal]);
        import.Warnings.ShouldHaveSingleItem().ShouldContain("Castellan relationship 'supplements' does not fit 'equal-to'");
    }

    [Fact]
    public void Read_SeveralSourcesAndTargets_GiveOneRowPerPair()
    {
        var import = Read(Document(Map("intersects-with", Item("AC-1") + ", " + Item("AC-2"), Item("AC-3") + ", " + Item("AC-4"))));

        import.Set.Mappings.Select(m => (m.SourceId, m.TargetId)).ShouldBe([("AC-1", "AC-3"), ("AC-1", "AC-4"), ("AC-2", "AC-3"), ("AC-2", "AC-4")]);
    }

    [Theory]
    [InlineData("AC-2(1)", "AC-2(1)")]
    [InlineData("ac-3", "AC-3")]
    [InlineData("ac-2.1", "AC-2(1)")]
    [InlineData("sr-1.1-re-1", "SR 1.1 RE 1")]
    [InlineData("SR-1.1-RE-1", "SR 1.1 RE 1")]
    [InlineData("SR 1.1 RE 1", "SR 1.1 RE 1")]
    public void Read_IdRefs_ResolveExactlyIgnoringCaseOrByOscalForm(string idRef, string expected) =>
        Read(Document(Map("equal-to", Item(idRef), Item("AC-1")))).Set.Mappings.ShouldHaveSingleItem().SourceId.ShouldBe(expected);

    [Fact]
    public void Read_UnlistedItemType_IsAWarningNotAnError()
    {
        var import = Read(Document(Map("equal-to", Item("AC-1", type: "requirement"), Item("AC-2"))));

        import.Warnings.ShouldBe([
            "$.mapping-collection.mappings[0].maps[0].sources[0].type: 'requirement' is not one of control, statement in OSCAL 1.2.1 (written against a pre-release draft?)",
        ]);
        import.Set.Mappings.ShouldHaveSingleItem();
    }

    [Fact]
    public void Read_SingleMappingObjectInsteadOfArray_IsRead()
    {
        var json = Simple.Replace("\"mappings\": [", "\"mappings\": ", StringComparison.Ordinal).Replace("}]}}", "}}}", StringComparison.Ordinal);

        Read(json).Set.Mappings.ShouldHaveSingleItem();
    }

    [Fact]
    public void Read_WildcardGap_SelectsTheUnmappedRequirementsItMatches()
    {
        var json = Document(Map("equal-to", Item("AC-1"), Item("AC-2")),
            """, "source-gap-summary": {"uuid": "7ea13065-8cae-4dac-a0f2-a7f5e8f54c64", "unmapped-controls": [{"matching": [{"pattern": "ac-1?", "remarks": "IT only"}]}]}""");

        var import = Read(json);

        import.Set.Mappings.Skip(1).Select(m => m.SourceId).ShouldBe(Enumerable.Range(10, 10).Select(i => $"AC-{i}"));
        import.Set.Mappings.Skip(1).ShouldAllBe(m => m.TargetId == null && m.Relationship == Relationship.NoRelationship && m.Rationale == "IT only");
    }

    [Fact]
    public void Read_TwoCatalogPairsInOneCollection_AreRefused()
    {
        var other = Catalog.Create(Catalog.Header with { Id = new CatalogId("ad") }, Catalog.Requirements);
        var json = Simple.Replace("}]}}", """}, {"uuid": "8ea13065-8cae-4dac-a0f2-a7f5e8f54c64", "source-resource": {"type": "catalog", "href": "urn:castellan:catalog:ad"}, "target-resource": {"type": "catalog", "href": "urn:castellan:catalog:ac"}, "maps": [""" + Map("equal-to", Item("AC-1"), Item("AC-2")) + "]}]}}", StringComparison.Ordinal);

        var error = Should.Throw<InputException>(() => OscalMappingReader.Read("x.json", Encoding.UTF8.GetBytes(json),
            id => id == Catalog.Id ? Catalog : id == other.Id ? other : null, null, null, null));

        error.Message.ShouldContain("$.mapping-collection.mappings[1]: maps ad → ac, but $.mapping-collection.mappings[0] maps ac → ac");
    }
}
