using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Domain.Catalogs;

namespace Castellan.Core.Tests.Catalogs;

/// <summary>A broken catalog file is refused with its file name, line and id.</summary>
public sealed class CatalogYamlTests
{
    private const string Header = """
        id: test-sl
        name: Test
        title: Test catalog
        edition: "1"
        grading: security-level
        requirements:
          - id: FR 1
            kind: FR
            title: First
            assessable: false
            status: verified
            source: test

        """;

    private static InputException Refuse(string requirements) =>
        Should.Throw<InputException>(() => CatalogYaml.Read("broken.yaml", Header + requirements, CatalogOrigin.Imported));

    [Fact]
    public void Read_ValidFile_GivesCatalog()
    {
        var catalog = CatalogYaml.Read("ok.yaml", Header + """
              - id: SR 1.1
                kind: SR
                parent: FR 1
                title: Second
                levels: [1, 2, 3, 4]
                status: unsure
                source: test
            """, CatalogOrigin.Imported);
        catalog.Find("SR 1.1").ShouldNotBeNull().Status.ShouldBe(VerificationStatus.Unsure);
    }

    [Fact]
    public void Read_DuplicateId_NamesFileLineAndId() =>
        Refuse("""
              - id: FR 1
                kind: FR
                title: Again
                status: verified
                source: test
            """).Message.ShouldBe("broken.yaml:13: id 'FR 1', field 'id': duplicate id 'FR 1'");

    [Fact]
    public void Read_UnknownKey_IsAnErrorNotDropped() =>
        Refuse("""
              - id: SR 1.1
                kind: SR
                parent: FR 1
                title: Second
                levle: [1]
                status: verified
                source: test
            """).Message.ShouldStartWith("broken.yaml:17: id 'SR 1.1': unknown field 'levle'");

    [Fact]
    public void Read_MissingParent_IsRefused() =>
        Refuse("""
              - id: SR 9.1
                kind: SR
                parent: FR 9
                title: Orphan
                levels: [1, 2, 3, 4]
                status: verified
                source: test
            """).Message.ShouldContain("broken.yaml:13: id 'SR 9.1', field 'parent': parent 'FR 9' is not defined");

    [Theory]
    [InlineData("[0, 1]", "'0' is not a level 1–4")]
    [InlineData("[5]", "'5' is not a level 1–4")]
    [InlineData("[3, 2]", "ascending")]
    [InlineData("[1, 3]", "must run from the first level up to SL 4")]
    public void Read_BadLevels_AreRefused(string levels, string message) =>
        Refuse($"""
              - id: SR 1.1
                kind: SR
                parent: FR 1
                title: Second
                levels: {levels}
                status: verified
                source: test
            """).Message.ShouldContain(message);

    [Fact]
    public void Read_EnhancementRequiredBelowItsSr_IsRefused() =>
        Refuse("""
              - id: SR 1.2
                kind: SR
                parent: FR 1
                title: Second
                levels: [2, 3, 4]
                status: verified
                source: test
              - id: SR 1.2 RE 1
                kind: RE
                parent: SR 1.2
                title: Third
                levels: [1, 2, 3, 4]
                status: verified
                source: test
            """).Message.ShouldContain("id 'SR 1.2 RE 1', field 'levels': RE required from level 1, below its parent");

    [Fact]
    public void Read_BadStatusAndKind_AreNamed()
    {
        Refuse("""
              - id: SR 1.1
                kind: SR
                parent: FR 1
                title: Second
                status: maybe
                source: test
            """).Message.ShouldContain("field 'status': 'maybe' is not verified or unsure");
        Refuse("""
              - id: SR 1.1
                kind: XR
                title: Second
                status: verified
                source: test
            """).Message.ShouldContain("field 'kind': 'XR' is not one of");
    }

    [Fact]
    public void Read_NotYaml_GivesLine() =>
        Should.Throw<InputException>(() => CatalogYaml.Read("bad.yaml", "id: x\nrequirements: [\n  - {", CatalogOrigin.Imported))
            .Message.ShouldStartWith("bad.yaml:");

    [Fact]
    public void Read_Aliases_AreRefused() =>
        Should.Throw<InputException>(() => CatalogYaml.Read("alias.yaml", Header.Replace("title: First", "title: &t First") + "  - id: X\n    kind: FR\n    title: *t\n    status: verified\n    source: s\n", CatalogOrigin.Imported))
            .Message.ShouldContain("anchors and aliases");
}
