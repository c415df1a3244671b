using System.Text.Json;
using System.Text.Json.Nodes;
using Castellan.Core.Advisories;
using Castellan.Tests;

namespace Castellan.Core.Tests.Advisories;

public sealed class CsafValidationTests
{
    public static TheoryData<string> ImplementedIds => new(CsafMandatoryTests.Implemented.Select(t => t.Id));

    [Theory]
    [MemberData(nameof(ImplementedIds))]
    public void MandatoryTest_EveryOasisCase_GivesTheTechnicalCommitteesVerdict(string id)
    {
        var folder = TestPaths.RequireTestData("csaf", "oasis-tests");
        using var cases = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "testcases.json")));
        var test = cases.RootElement.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        var checkedCases = 0;
        var wrong = new List<string>();
        foreach (var kind in new[] { "failures", "valid" })
        {
            if (!test.TryGetProperty(kind, out var list))
            {
                continue;
            }

            foreach (var entry in list.EnumerateArray())
            {
                var file = Path.Combine(folder, entry.GetProperty("name").GetString()!);
                var problems = CsafMandatoryTests.Run(CsafNode.Parse(File.ReadAllBytes(file)), id);
                var expected = entry.GetProperty("valid").GetBoolean();
                if ((problems.Count == 0) != expected)
                {
                    wrong.Add($"{entry.GetProperty("name").GetString()}: expected {(expected ? "valid" : "invalid")}, got {string.Join("; ", problems)}");
                }

                checkedCases++;
            }
        }

        checkedCases.ShouldBeGreaterThan(0);
        wrong.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("CSAFPID-\\u0030001", "CSAFPID-0001")]
    [InlineData("CSAFPID-0001", "CSAFPID-\\u0030001")]
    [InlineData("CSAFPID-0001", "CSAFPID-0001")]
    public void MissingProductId_SameIdWrittenWithOrWithoutEscapes_IsDefined(string defined, string referenced)
    {
        var document = CsafNode.Parse(System.Text.Encoding.UTF8.GetBytes($$$"""
            {"product_tree":{"full_product_names":[{"name":"PLC","product_id":"{{{defined}}}"}]},
             "vulnerabilities":[{"product_status":{"known_affected":["{{{referenced}}}"]}}]}
            """));

        CsafMandatoryTests.Run(document, "6.1.1").ShouldBeEmpty();
    }

    [Fact]
    public void MissingProductId_UndefinedId_NamesTestPathAndId()
    {
        var document = CsafNode.Parse(System.Text.Encoding.UTF8.GetBytes("""
            {"product_tree":{"full_product_names":[{"name":"PLC","product_id":"CSAFPID-0001"}]},
             "vulnerabilities":[{"cve":"CVE-2024-0001"},{"product_st\u0061tus":{"fixed":["CSAFPID-0001"],"known_affected":["CSAFPID-0001","CSAFPID-000\u0032"]}}]}
            """));

        var problem = CsafMandatoryTests.Run(document, "6.1.1").ShouldHaveSingleItem();
        problem.ToString().ShouldBe("6.1.1 at /vulnerabilities/1/product_status/known_affected/1: product id 'CSAFPID-0002' is not defined in the product tree");
    }

    [Fact]
    public void MultipleProductId_DuplicateInNestedBranches_NamesTheSecondDefinition()
    {
        var document = CsafNode.Parse(System.Text.Encoding.UTF8.GetBytes("""
            {"product_tree":{"branches":[{"category":"vendor","name":"Rockwell","branches":[
               {"category":"product_name","name":"1756-ENBT","product":{"name":"a","product_id":"P1"}},
               {"category":"product_name","name":"1756-EN2T","branches":[{"category":"product_version","name":"5","product":{"name":"b","product_id":"P1"}}]}]}]}}
            """));

        var problem = CsafMandatoryTests.Run(document, "6.1.2").ShouldHaveSingleItem();
        problem.Path.ShouldBe("/product_tree/branches/0/branches/1/branches/0/product/product_id");
    }

    [Fact]
    public void Read_OasisExamples_AreAllValid()
    {
        var folder = TestPaths.RequireTestData("csaf", "examples");
        var refused = Directory.GetFiles(folder, "*.json")
            .Select(f => (File: Path.GetFileName(f), Verdict: CsafReader.Read(File.ReadAllBytes(f))))
            .Where(r => !r.Verdict.Valid).Select(r => $"{r.File}: {string.Join("; ", r.Verdict.Problems)}").ToList();
        refused.ShouldBeEmpty();
    }

    [Fact]
    public void Read_IcsaRockwell_GivesProductsVulnerabilityAndScore()
    {
        var verdict = CsafReader.Read(File.ReadAllBytes(TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json")));
        verdict.Problems.ShouldBeEmpty();
        var advisory = verdict.Advisory!;
        advisory.TrackingId.ShouldBe("ICSA-18-310-02");
        advisory.Version.ShouldBe("2");
        var enbt = advisory.Products.Single(p => p.ProductId == "CSAFPID-0007");
        enbt.Vendor.ShouldBe("Rockwell Automation");
        enbt.Versions.IsAll.ShouldBeTrue();
        var cve = advisory.Vulnerabilities.Single(v => v.Cve == "CVE-2018-17924");
        cve.ScoreFor("CSAFPID-0007")!.BaseScore.ShouldBe(8.6);
        cve.Remediations.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("{", "json")]
    [InlineData("[]", "schema")]
    [InlineData("""{"document":{"category":"csaf_base","csaf_version":"2.0"},"extra":1}""", "schema")]
    public void Read_BrokenDocument_IsRefusedWithTestAndPath(string json, string testId)
    {
        var verdict = CsafReader.Read(System.Text.Encoding.UTF8.GetBytes(json));
        verdict.Valid.ShouldBeFalse();
        verdict.Problems[0].TestId.ShouldBe(testId);
        verdict.Problems[0].Path.ShouldStartWith("/");
    }

    [Fact]
    public void Read_TooDeep_IsRefusedNotCrashing()
    {
        var json = new string('[', 200) + new string(']', 200);
        var verdict = CsafReader.Read(System.Text.Encoding.UTF8.GetBytes(json));
        verdict.Problems.Single().TestId.ShouldBe("json");
    }

    [Fact]
    public void Read_StringThatIsNotUtf8_IsRefusedAsJsonNotCrashing()
    {
        byte[] json = [.. "{\"document\": {\"title\": \""u8, 0xFF, 0xFE, .. "\"}}"u8];

        var problem = CsafReader.Read(json).Problems.ShouldHaveSingleItem();

        problem.TestId.ShouldBe("json");
        problem.Message.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public void Read_TruncatedDocument_SaysWhereAndWhy()
    {
        var problem = CsafReader.Read("{\"document\": {\n  \"title\": \"PLC\""u8.ToArray()).Problems.ShouldHaveSingleItem();

        problem.TestId.ShouldBe("json");
        problem.Message.ShouldStartWith("not valid JSON at line 2, byte");
    }

    [Fact]
    public void Read_MemberGivenTwice_CountsWithItsLastValue()
    {
        // As JsonElement.TryGetProperty did before the checks read their own tree: the second csaf_version decides.
        var node = JsonNode.Parse(File.ReadAllText(TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json")))!;
        var text = node.ToJsonString();
        var twice = text.Replace("\"csaf_version\":\"2.0\"", "\"csaf_version\":\"2.1\",\"csaf_version\":\"2.0\"", StringComparison.Ordinal);
        var wrongLast = text.Replace("\"csaf_version\":\"2.0\"", "\"csaf_version\":\"2.0\",\"csaf_version\":\"2.1\"", StringComparison.Ordinal);
        twice.ShouldNotBe(text);

        CsafReader.Read(System.Text.Encoding.UTF8.GetBytes(twice)).Problems.ShouldBeEmpty();
        CsafReader.Read(System.Text.Encoding.UTF8.GetBytes(wrongLast)).Problems.ShouldContain(p => p.Path == "/document/csaf_version");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_RemediationTextThatIsNotUtf8_IsRefusedOnImportAsOnFullRead(bool headerOnly)
    {
        // On import the text of a remediation is only checked for being a non-empty string; it must still be UTF-8, or
        // `castellan vulns` could not read the stored document later.
        var bytes = File.ReadAllBytes(TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json"));
        var at = System.Text.Encoding.UTF8.GetString(bytes).IndexOf("\"details\": \"", StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0);
        var broken = bytes.ToArray();
        broken[at + "\"details\": \"".Length] = 0xFF;

        CsafReader.Read(bytes, headerOnly).Problems.ShouldBeEmpty();
        CsafReader.Read(broken, headerOnly).Problems.ShouldHaveSingleItem().TestId.ShouldBe("json");
    }

    [Fact]
    public void Read_DocumentsWithValuesOfTheWrongKind_AreRefusedOrReadNeverThrow()
    {
        // Any value of a real advisory replaced by one of another kind (null, number, string, object, array, mixed array):
        // each is refused with a problem or read; no exception escapes the checks or the reduction to an advisory.
        var text = File.ReadAllText(TestPaths.RequireTestData("csaf", "cisa-ot", "2018", "icsa-18-310-02.json"));
        var random = new Random(11);
        JsonNode? Other() => random.Next(7) switch
        {
            0 => null,
            1 => JsonValue.Create(42),
            2 => JsonValue.Create("x"),
            3 => new JsonObject(),
            4 => new JsonArray(),
            5 => new JsonArray(JsonValue.Create(1), null, JsonValue.Create("CSAFPID-0001")),
            _ => JsonValue.Create(true),
        };

        var refused = 0;
        for (var run = 0; run < 400; run++)
        {
            var root = JsonNode.Parse(text)!;
            for (var change = 0; change < 1 + random.Next(3); change++)
            {
                var values = new List<JsonNode>();
                void Walk(JsonNode? node)
                {
                    if (node is null)
                    {
                        return;
                    }

                    values.Add(node);
                    foreach (var child in node is JsonObject o ? o.Select(p => p.Value) : node is JsonArray a ? a : [])
                    {
                        Walk(child);
                    }
                }

                Walk(root);
                var target = values[random.Next(1, values.Count)];
                if (target.Parent is JsonObject parent)
                {
                    parent[parent.First(p => ReferenceEquals(p.Value, target)).Key] = Other();
                }
                else if (target.Parent is JsonArray array)
                {
                    array[array.IndexOf(target)] = Other();
                }
            }

            var verdict = CsafReader.Read(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()), headerOnly: run % 2 == 0);
            refused += verdict.Valid ? 0 : 1;
            (verdict.Valid == verdict.Advisory is not null).ShouldBeTrue();
        }

        refused.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Parse_ArrayOfIds_IsKeptAsStringsAndStillWalksAsValues()
    {
        static List<CsafNode> Values(CsafNode node)
        {
            var values = new List<CsafNode>();
            foreach (var value in node.Values)
            {
                values.Add(value);
            }

            return values;
        }

        var root = CsafNode.Parse("""{"vulnerabilities":[{"remediations":[{"product_ids":["P1",2,"P\u0032"]}]}]}"""u8);
        var remediation = Values(Values(root.Member("vulnerabilities")!).Single().Member("remediations")!).Single();
        var ids = remediation.Member("product_ids")!;

        ids.StringItems.ShouldBe(["P1", null, "P2"]);
        ids.Count.ShouldBe(3);
        Values(ids).Select(v => (v.Kind, v.Text)).ShouldBe([(JsonValueKind.String, "P1"), (JsonValueKind.Undefined, (string?)null), (JsonValueKind.String, "P2")]);
    }
}
