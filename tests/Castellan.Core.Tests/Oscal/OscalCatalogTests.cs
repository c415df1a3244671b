using System.Text.Json;
using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Oscal;
using Castellan.Domain.Catalogs;
using Castellan.Tests;
using Json.Schema;

namespace Castellan.Core.Tests.Oscal;

public sealed class OscalCatalogTests
{
    public static TheoryData<string> ShippedIds => new(ShippedCatalogs.Instance.Catalogs.Select(c => c.Id.Value));

    private static readonly Lazy<JsonSchema> CatalogSchema =
        new(() => JsonSchema.FromFile(Path.Combine(TestPaths.TestData, "oscal", "schemas", "oscal_catalog_schema.json")));

    private static readonly DateTimeOffset When = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static byte[] Export(Catalog catalog)
    {
        using var stream = new MemoryStream();
        OscalCatalogWriter.Write(catalog, stream, When);
        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Export_ShippedCatalog_IsValidAgainstTheOscalCatalogSchema(string id)
    {
        TestPaths.RequireTestData("oscal", "schemas", "oscal_catalog_schema.json");
        var schema = CatalogSchema.Value;
        var catalog = ShippedCatalogs.Instance.Find(new CatalogId(id))!;

        var result = schema.Evaluate(JsonDocument.Parse(Export(catalog)).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        result.IsValid.ShouldBeTrue(string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(5)
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void ExportThenImport_GivesTheSameCatalog(string id)
    {
        var original = ShippedCatalogs.Instance.Find(new CatalogId(id))!;
        var texts = original.Requirements.Take(3).ToDictionary(r => r.Id, r => $"Licensed text of {r.Id}.\nSecond line.");
        original = original.WithTexts(texts);

        var back = OscalCatalogReader.Read("export.json", Export(original));

        back.Header.ShouldBe(original.Header with { Origin = CatalogOrigin.Imported });
        back.Requirements.Count.ShouldBe(original.Requirements.Count);
        for (var i = 0; i < original.Requirements.Count; i++)
        {
            back.Requirements[i].ShouldBe(original.Requirements[i], original.Requirements[i].Id);
        }
    }

    [Fact]
    public void Export_IsDeterministic() =>
        Export(ShippedCatalogs.Instance.Catalogs[0]).ShouldBe(Export(ShippedCatalogs.Instance.Catalogs[0]));

    [Fact]
    public void Read_NistModerateCatalog_KeepsLabelsTitlesAndTexts()
    {
        var path = TestPaths.RequireTestData("oscal", "content", "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json");

        var catalog = OscalCatalogReader.Read(Path.GetFileName(path), File.ReadAllBytes(path));

        catalog.Id.Value.ShouldStartWith("nist-special-publication-800-53");
        catalog.Requirements.Count(r => r.Kind == RequirementKind.Group).ShouldBe(18);
        var ac2 = catalog.Find("AC-2").ShouldNotBeNull();
        ac2.Title.ShouldBe("Account Management");
        ac2.ParentId.ShouldNotBeNull();
        ac2.Text.ShouldNotBeNull().ShouldContain("a. ");
        catalog.Find("AC-2(1)").ShouldNotBeNull().ParentId.ShouldBe("AC-2");
        catalog.AssessableCount.ShouldBeGreaterThan(250);
    }

    [Theory]
    [InlineData("trestle_minimal_catalog_missing_uuid.json", "$.catalog: required field 'uuid' of catalog is missing")]
    [InlineData("trestle_minimal_catalog_bad_oscal_version.json", "$.catalog.metadata.oscal-version: '' is not a one-line string")]
    [InlineData("trestle_minimal_catalog_extra_fields.json", "$.catalog: unknown field 'sss' in catalog")]
    [InlineData("trestle_comp_prof_bad.json", "found 'profile' where an OSCAL 'catalog' was expected")]
    [InlineData("trestle_profile_bad_control.json", "found 'profile' where an OSCAL 'catalog' was expected")]
    [InlineData("trestle_bad_simple.json", "trestle_bad_simple.json")]
    public void Read_InvalidFiles_AreRefusedNamingTheProblem(string file, string expected)
    {
        var path = TestPaths.RequireTestData("oscal", "invalid", file);

        var error = Should.Throw<InputException>(() => OscalCatalogReader.Read(file, File.ReadAllBytes(path)));

        error.Message.ShouldStartWith(file + ":");
        error.Message.ShouldContain(expected);
    }

    [Theory]
    [InlineData("""{"catalog": {"uuid": "not-a-uuid", "metadata": {"title": "t", "last-modified": "2024-01-01T00:00:00Z", "version": "1", "oscal-version": "1.2.1"}}}""", "$.catalog.uuid: 'not-a-uuid' is not a version 4 or 5 UUID")]
    [InlineData("""{"catalog": {"uuid": "4ea13065-8cae-4dac-a0f2-a7f5e8f54c64", "metadata": {"title": "t", "last-modified": "yesterday", "version": "1", "oscal-version": "1.2.1"}}}""", "$.catalog.metadata.last-modified: 'yesterday' is not a date and time")]
    [InlineData("""{"catalog": {"uuid": "4ea13065-8cae-4dac-a0f2-a7f5e8f54c64", "metadata": {"title": "t", "last-modified": "2024-01-01T00:00:00Z", "version": "1", "oscal-version": "2.0.0"}}}""", "OSCAL version '2.0.0' is not supported")]
    [InlineData("""{"catalog": {"uuid": "4ea13065-8cae-4dac-a0f2-a7f5e8f54c64", "metadata": {"title": "t", "last-modified": "2024-01-01T00:00:00Z", "version": "1", "oscal-version": "1.2.1"}, "controls": [{"id": "1bad", "title": "x"}]}}""", "$.catalog.controls[0].id: '1bad' is not a token")]
    [InlineData("""{"catalog": {"uuid": "4ea13065-8cae-4dac-a0f2-a7f5e8f54c64", "metadata": {"title": "t", "last-modified": "2024-01-01T00:00:00Z", "version": "1", "oscal-version": "1.2.1"}, "controls": [{"id": "a", "title": "x"}, {"id": "a", "title": "y"}]}}""", "duplicate id 'a'")]
    [InlineData("""[1, 2]""", "$: expected an object, found array")]
    public void Read_MalformedDocuments_AreRefusedWithTheirPath(string json, string expected) =>
        Should.Throw<InputException>(() => OscalCatalogReader.Read("x.json", System.Text.Encoding.UTF8.GetBytes(json)))
            .Message.ShouldContain(expected);
}
