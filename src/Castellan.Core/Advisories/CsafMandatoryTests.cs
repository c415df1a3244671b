using System.Globalization;
using System.Text.Json;

namespace Castellan.Core.Advisories;

/// <summary>
/// The CSAF 2.0 §6.1 mandatory tests that concern what Castellan relies on: product ids and groups (6.1.1–6.1.5),
/// product status (6.1.6), scores (6.1.7–6.1.9) and the profile tests (6.1.27.1–6.1.27.11). Each test reports every
/// failure with its JSON path; <see cref="Run"/> with one id runs only that test (the OASIS test cases are per test).
/// </summary>
public static class CsafMandatoryTests
{
    private static readonly string[] AffectedGroup = ["first_affected", "known_affected", "last_affected"];
    private static readonly string[] NotAffectedGroup = ["known_not_affected"];
    private static readonly string[] FixedGroup = ["first_fixed", "fixed"];
    private static readonly string[] InvestigationGroup = ["under_investigation"];
    private static readonly string[] V3Required = ["version", "vectorString", "baseScore", "baseSeverity"];
    private static readonly string[] V2Required = ["version", "vectorString", "baseScore"];

    private static readonly (string Id, string Title, Action<JsonElement, List<CsafProblem>> Run)[] Tests =
    [
        ("6.1.1", "Missing Definition of Product ID", MissingProductId),
        ("6.1.2", "Multiple Definition of Product ID", MultipleProductId),
        ("6.1.3", "Circular Definition of Product ID", CircularProductId),
        ("6.1.4", "Missing Definition of Product Group ID", MissingGroupId),
        ("6.1.5", "Multiple Definition of Product Group ID", MultipleGroupId),
        ("6.1.6", "Contradicting Product Status", ContradictingStatus),
        ("6.1.7", "Multiple Scores with same Version per Product", MultipleScores),
        ("6.1.8", "Invalid CVSS", InvalidCvss),
        ("6.1.9", "Invalid CVSS computation", InvalidCvssComputation),
        ("6.1.27.1", "Document Notes", CsafProfileTests.DocumentNotes),
        ("6.1.27.2", "Document References", CsafProfileTests.DocumentReferences),
        ("6.1.27.3", "Vulnerabilities (informational advisory)", CsafProfileTests.NoVulnerabilities),
        ("6.1.27.4", "Product Tree", CsafProfileTests.ProductTree),
        ("6.1.27.5", "Vulnerability Notes", CsafProfileTests.VulnerabilityNotes),
        ("6.1.27.6", "Product Status", CsafProfileTests.ProductStatus),
        ("6.1.27.7", "VEX Product Status", CsafProfileTests.VexProductStatus),
        ("6.1.27.8", "Vulnerability ID", CsafProfileTests.VulnerabilityId),
        ("6.1.27.9", "Impact Statement", CsafProfileTests.ImpactStatement),
        ("6.1.27.10", "Action Statement", CsafProfileTests.ActionStatement),
        ("6.1.27.11", "Vulnerabilities", CsafProfileTests.Vulnerabilities),
    ];

    /// <summary>The implemented test ids with their titles, in the standard's order.</summary>
    public static IReadOnlyList<(string Id, string Title)> Implemented { get; } = [.. Tests.Select(t => (t.Id, t.Title))];

    /// <summary>Runs every implemented test, or only <paramref name="only"/>.</summary>
    public static IReadOnlyList<CsafProblem> Run(JsonElement root, string? only = null)
    {
        var problems = new List<CsafProblem>();
        foreach (var (id, _, run) in Tests)
        {
            if (only is null || only == id)
            {
                run(root, problems);
            }
        }

        return problems;
    }

    internal static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement parent, string path, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, $"{path}/{name}/{i++}");
        }
    }

    internal static IEnumerable<(string Value, string Path)> Strings(JsonElement parent, string path, string name) =>
        Items(parent, path, name).Where(i => i.Item.ValueKind == JsonValueKind.String).Select(i => (i.Item.GetString()!, i.Path));

    internal static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static JsonElement Member(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : default;

    /// <summary>Every product id definition: branch products, full product names, relationships' full product names.</summary>
    internal static List<(string Id, string Path)> ProductDefinitions(JsonElement root)
    {
        var result = new List<(string, string)>();
        var tree = Member(root, "product_tree");
        void Walk(JsonElement parent, string path)
        {
            foreach (var (branch, here) in Items(parent, path, "branches"))
            {
                if (Text(Member(branch, "product"), "product_id") is { } id)
                {
                    result.Add((id, here + "/product/product_id"));
                }

                Walk(branch, here);
            }
        }

        Walk(tree, "/product_tree");
        foreach (var (product, path) in Items(tree, "/product_tree", "full_product_names"))
        {
            if (Text(product, "product_id") is { } id)
            {
                result.Add((id, path + "/product_id"));
            }
        }

        foreach (var (relationship, path) in Items(tree, "/product_tree", "relationships"))
        {
            if (Text(Member(relationship, "full_product_name"), "product_id") is { } id)
            {
                result.Add((id, path + "/full_product_name/product_id"));
            }
        }

        return result;
    }

    /// <summary>Every product id reference (CSAF 2.0 §6.1.1's list).</summary>
    internal static IEnumerable<(string Id, string Path)> ProductReferences(JsonElement root)
    {
        var tree = Member(root, "product_tree");
        foreach (var (group, path) in Items(tree, "/product_tree", "product_groups"))
        {
            foreach (var reference in Strings(group, path, "product_ids"))
            {
                yield return reference;
            }
        }

        foreach (var (relationship, path) in Items(tree, "/product_tree", "relationships"))
        {
            foreach (var field in (string[])["product_reference", "relates_to_product_reference"])
            {
                if (Text(relationship, field) is { } id)
                {
                    yield return (id, $"{path}/{field}");
                }
            }
        }

        foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities"))
        {
            var status = Member(vulnerability, "product_status");
            if (status.ValueKind == JsonValueKind.Object)
            {
                foreach (var group in status.EnumerateObject())
                {
                    foreach (var reference in Strings(status, path + "/product_status", group.Name))
                    {
                        yield return reference;
                    }
                }
            }

            foreach (var (list, field) in ((string, string)[])[("remediations", "product_ids"), ("scores", "products"), ("threats", "product_ids"), ("flags", "product_ids"), ("involvements", "product_ids")])
            {
                foreach (var (item, here) in Items(vulnerability, path, list))
                {
                    foreach (var reference in Strings(item, here, field))
                    {
                        yield return reference;
                    }
                }
            }
        }
    }

    private static void MissingProductId(JsonElement root, List<CsafProblem> problems)
    {
        var defined = ProductDefinitions(root).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, path) in ProductReferences(root))
        {
            if (!defined.Contains(id))
            {
                problems.Add(new("6.1.1", path, $"product id '{id}' is not defined in the product tree"));
            }
        }
    }

    private static void MultipleProductId(JsonElement root, List<CsafProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, path) in ProductDefinitions(root))
        {
            if (!seen.Add(id))
            {
                problems.Add(new("6.1.2", path, $"product id '{id}' is defined more than once"));
            }
        }
    }

    private static void CircularProductId(JsonElement root, List<CsafProblem> problems)
    {
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (relationship, path) in Items(Member(root, "product_tree"), "/product_tree", "relationships"))
        {
            if (Text(Member(relationship, "full_product_name"), "product_id") is not { } id)
            {
                continue;
            }

            paths.TryAdd(id, path + "/full_product_name/product_id");
            if (!edges.TryGetValue(id, out var targets))
            {
                edges[id] = targets = [];
            }

            targets.AddRange(new[] { Text(relationship, "product_reference"), Text(relationship, "relates_to_product_reference") }.OfType<string>());
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 done
        bool Cycles(string node)
        {
            state[node] = 1;
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1 || (state.GetValueOrDefault(next) == 0 && edges.ContainsKey(next) && Cycles(next)))
                {
                    return true;
                }
            }

            state[node] = 2;
            return false;
        }

        foreach (var id in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(id) == 0 && Cycles(id))
            {
                problems.Add(new("6.1.3", paths[id], $"product id '{id}' is defined through itself (circular relationship)"));
            }
        }
    }

    private static IEnumerable<(string Id, string Path)> GroupDefinitions(JsonElement root) =>
        Items(Member(root, "product_tree"), "/product_tree", "product_groups")
            .Select(g => (Text(g.Item, "group_id"), g.Path + "/group_id")).Where(g => g.Item1 is not null).Select(g => (g.Item1!, g.Item2));

    private static void MissingGroupId(JsonElement root, List<CsafProblem> problems)
    {
        var defined = GroupDefinitions(root).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities"))
        {
            foreach (var list in (string[])["remediations", "threats", "flags"])
            {
                foreach (var (item, here) in Items(vulnerability, path, list))
                {
                    foreach (var (id, at) in Strings(item, here, "group_ids"))
                    {
                        if (!defined.Contains(id))
                        {
                            problems.Add(new("6.1.4", at, $"product group id '{id}' is not defined in the product tree"));
                        }
                    }
                }
            }
        }
    }

    private static void MultipleGroupId(JsonElement root, List<CsafProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, path) in GroupDefinitions(root))
        {
            if (!seen.Add(id))
            {
                problems.Add(new("6.1.5", path, $"product group id '{id}' is defined more than once"));
            }
        }
    }

    private static void ContradictingStatus(JsonElement root, List<CsafProblem> problems)
    {
        foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities"))
        {
            var status = Member(vulnerability, "product_status");
            var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, members) in ((string, string[])[])[("affected", AffectedGroup), ("not affected", NotAffectedGroup), ("fixed", FixedGroup), ("under investigation", InvestigationGroup)])
            {
                foreach (var field in members)
                {
                    foreach (var (id, at) in Strings(status, path + "/product_status", field).DistinctBy(s => s.Value))
                    {
                        if (groupOf.TryGetValue(id, out var other) && other != name)
                        {
                            problems.Add(new("6.1.6", at, $"product '{id}' is both {other} and {name}"));
                        }

                        groupOf.TryAdd(id, name);
                    }
                }
            }
        }
    }

    private static void MultipleScores(JsonElement root, List<CsafProblem> problems)
    {
        foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities"))
        {
            var seen = new HashSet<(string, string)>();
            foreach (var (score, here) in Items(vulnerability, path, "scores"))
            {
                var versions = new List<string>();
                if (Member(score, "cvss_v2").ValueKind == JsonValueKind.Object)
                {
                    versions.Add("2");
                }

                if (Text(Member(score, "cvss_v3"), "version") is { } v3)
                {
                    versions.Add(v3);
                }

                foreach (var (id, at) in Strings(score, here, "products"))
                {
                    foreach (var version in versions.Where(version => !seen.Add((id, version))))
                    {
                        problems.Add(new("6.1.7", at, $"product '{id}' has a second CVSS {version} score in this vulnerability"));
                    }
                }
            }
        }
    }

    private static void InvalidCvss(JsonElement root, List<CsafProblem> problems)
    {
        foreach (var (_, path, v2, v3) in Scores(root))
        {
            if (v3.ValueKind == JsonValueKind.Object)
            {
                var missing = V3Required.Where(f => Member(v3, f).ValueKind == JsonValueKind.Undefined).ToList();
                var vector = Text(v3, "vectorString");
                if (missing.Count > 0)
                {
                    problems.Add(new("6.1.8", path + "/cvss_v3", $"missing {string.Join(", ", missing)} (CVSS v3 JSON schema)"));
                }
                else if (vector is null || !Cvss.IsV3Vector(vector) || Text(v3, "version") is not ("3.0" or "3.1") || !vector.StartsWith("CVSS:" + Text(v3, "version") + "/", StringComparison.Ordinal))
                {
                    problems.Add(new("6.1.8", path + "/cvss_v3/vectorString", $"'{vector}' is not a CVSS {Text(v3, "version")} vector"));
                }
            }

            if (v2.ValueKind == JsonValueKind.Object)
            {
                var missing = V2Required.Where(f => Member(v2, f).ValueKind == JsonValueKind.Undefined).ToList();
                var vector = Text(v2, "vectorString");
                if (missing.Count > 0)
                {
                    problems.Add(new("6.1.8", path + "/cvss_v2", $"missing {string.Join(", ", missing)} (CVSS v2 JSON schema)"));
                }
                else if (vector is null || !Cvss.IsV2Vector(vector) || Text(v2, "version") != "2.0")
                {
                    problems.Add(new("6.1.8", path + "/cvss_v2/vectorString", $"'{vector}' is not a CVSS 2.0 vector"));
                }
            }
        }
    }

    private static void InvalidCvssComputation(JsonElement root, List<CsafProblem> problems)
    {
        foreach (var (_, path, v2, v3) in Scores(root))
        {
            if (Text(v3, "vectorString") is { } vector3 && Cvss.V3Base(vector3) is { } computed3)
            {
                if (Number(v3, "baseScore") is { } given && Math.Abs(given - computed3) > 0.001)
                {
                    problems.Add(new("6.1.9", path + "/cvss_v3/baseScore", string.Create(CultureInfo.InvariantCulture, $"{given} but the vector gives {computed3}")));
                }

                if (Text(v3, "baseSeverity") is { } severity && severity != Cvss.V3Severity(computed3))
                {
                    problems.Add(new("6.1.9", path + "/cvss_v3/baseSeverity", $"{severity} but the score {computed3.ToString(CultureInfo.InvariantCulture)} is {Cvss.V3Severity(computed3)}"));
                }
            }

            if (Text(v2, "vectorString") is { } vector2 && Cvss.V2Base(vector2) is { } computed2 && Number(v2, "baseScore") is { } given2 && Math.Abs(given2 - computed2) > 0.001)
            {
                problems.Add(new("6.1.9", path + "/cvss_v2/baseScore", string.Create(CultureInfo.InvariantCulture, $"{given2} but the vector gives {computed2}")));
            }
        }
    }

    private static double? Number(JsonElement parent, string name) =>
        Member(parent, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    private static IEnumerable<(JsonElement Score, string Path, JsonElement V2, JsonElement V3)> Scores(JsonElement root)
    {
        foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities"))
        {
            foreach (var (score, here) in Items(vulnerability, path, "scores"))
            {
                yield return (score, here, Member(score, "cvss_v2"), Member(score, "cvss_v3"));
            }
        }
    }
}
