using System.Text.Json;
using System.Text.Json.Nodes;
using Castellan.Core.Advisories;
using Castellan.Tests;
using Json.Schema;

namespace Castellan.Core.Tests.Advisories;

/// <summary>
/// The binary ships no CSAF schema: <c>CsafStructure</c> checks in code the parts Castellan relies on. Here the real
/// schema (../shared/testdata/csaf/schema, never copied) says the same about real and broken documents.
/// </summary>
public sealed class CsafSchemaAgreementTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var folder = TestPaths.RequireTestData("csaf", "schema");
        foreach (var version in new[] { "2.0", "3.0", "3.1" })
        {
            // FIRST's files carry a "license" keyword, a dated $id and (v2, v3.0) draft-04, which JsonSchema.Net 8 does not
            // load; their keywords (enum, type, minimum, maximum, pattern, required) mean the same in draft-07.
            var text = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, $"cvss-v{version}.json")))!.AsObject();
            text.Remove("license");
            text.Remove("id");
            text["$schema"] = "http://json-schema.org/draft-07/schema#";
            text["$id"] = $"https://www.first.org/cvss/cvss-v{version}.json";
            JsonSchema.FromText(text.ToJsonString(), baseUri: new Uri($"https://www.first.org/cvss/cvss-v{version}.json")); // registers itself
        }

        return JsonSchema.FromFile(Path.Combine(folder, "csaf_json_schema.json"));
    });

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(TestPaths.TestData, "csaf");
        if (!Directory.Exists(root))
        {
            data.Add("absent");
            return data;
        }

        foreach (var file in Directory.GetFiles(Path.Combine(root, "examples"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(root, "cisa-ot"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Where((_, i) => i % 100 == 0))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Read_SchemaValidDocument_IsAcceptedByTheStructureCheck(string relative)
    {
        var bytes = File.ReadAllBytes(TestPaths.RequireTestData("csaf", relative));
        using var document = JsonDocument.Parse(bytes);
        Schema.Value.Evaluate(document.RootElement).IsValid.ShouldBeTrue();

        CsafReader.Read(bytes).Problems.Where(p => p.TestId == "schema").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("no-tracking-id")]
    [InlineData("vulnerabilities-object")]
    [InlineData("branch-without-product")]
    [InlineData("csaf-version")]
    public void Read_SchemaInvalidMutation_IsRefusedByBoth(string mutation)
    {
        var node = JsonNode.Parse(File.ReadAllText(TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json")))!;
        switch (mutation)
        {
            case "no-tracking-id": node["document"]!["tracking"]!.AsObject().Remove("id"); break;
            case "vulnerabilities-object": node["vulnerabilities"] = new JsonObject(); break;
            case "branch-without-product": node["product_tree"]!["branches"]![0]!["branches"]![0]!.AsObject().Remove("branches"); break;
            default: node["document"]!["csaf_version"] = "2.1"; break;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
        using var document = JsonDocument.Parse(bytes);
        Schema.Value.Evaluate(document.RootElement).IsValid.ShouldBeFalse();
        CsafReader.Read(bytes).Problems.ShouldContain(p => p.TestId == "schema");
    }

    [Fact]
    public void Read_UnknownTopLevelMember_IsRefusedThoughTheSchemaAllowsIt()
    {
        // reliability.md: unknown members on import are rejected, not ignored; the CSAF schema leaves the top level open.
        var node = JsonNode.Parse(File.ReadAllText(TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json")))!;
        node["surprise"] = 1;
        var bytes = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
        using var document = JsonDocument.Parse(bytes);

        Schema.Value.Evaluate(document.RootElement).IsValid.ShouldBeTrue();
        CsafReader.Read(bytes).Problems.ShouldContain(p => p.TestId == "schema" && p.Path == "/surprise");
    }
}
