using System.Globalization;
using static Castellan.Core.Advisories.CsafJson;

namespace Castellan.Core.Advisories;

/// <summary>
/// The CSAF 2.0 §6.1 mandatory tests that concern what Castellan relies on: product ids and groups (6.1.1–6.1.5),
/// product status (6.1.6), scores (6.1.7–6.1.9) and the profile tests (6.1.27.1–6.1.27.11). Each test reports every
/// failure with its JSON path; <see cref="Run"/> with one id runs only that test (the OASIS test cases are per test).
/// The parts several tests read (vulnerabilities, product and group definitions) are collected once per document
/// (<see cref="CsafFacts"/>); paths are formatted only for a failure.
/// </summary>
public static class CsafMandatoryTests
{
    private static readonly string[] AffectedGroup = ["first_affected", "known_affected", "last_affected"];
    private static readonly string[] NotAffectedGroup = ["known_not_affected"];
    private static readonly string[] FixedGroup = ["first_fixed", "fixed"];
    private static readonly string[] InvestigationGroup = ["under_investigation"];
    private static readonly string[] V3Required = ["version", "vectorString", "baseScore", "baseSeverity"];
    private static readonly string[] V2Required = ["version", "vectorString", "baseScore"];

    private static readonly (string Id, string Title, Action<CsafFacts, List<CsafProblem>> Run)[] Tests =
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

    // CSAF 2.0 §6.1.1's list of the places that refer to a product id: (array of objects, its member listing ids).
    private static readonly (string List, string Field)[] VulnerabilityReferences =
        [("remediations", "product_ids"), ("scores", "products"), ("threats", "product_ids"), ("flags", "product_ids"), ("involvements", "product_ids")];

    // CSAF 2.0 §6.1.4's list of the places that refer to a product group id (each item's group_ids).
    private static readonly string[] GroupReferences = ["remediations", "threats", "flags"];

    private static readonly (string Name, string[] Fields)[] StatusGroups =
        [("affected", AffectedGroup), ("not affected", NotAffectedGroup), ("fixed", FixedGroup), ("under investigation", InvestigationGroup)];

    /// <summary>The implemented test ids with their titles, in the standard's order.</summary>
    public static IReadOnlyList<(string Id, string Title)> Implemented { get; } = [.. Tests.Select(t => (t.Id, t.Title))];

    /// <summary>Runs every implemented test, or only <paramref name="only"/>.</summary>
    public static IReadOnlyList<CsafProblem> Run(CsafNode root, string? only = null)
    {
        var problems = new List<CsafProblem>();
        var facts = new CsafFacts(root);
        foreach (var (id, _, run) in Tests)
        {
            if (only is null || only == id)
            {
                run(facts, problems);
            }
        }

        return problems;
    }

    private static void MissingProductId(CsafFacts facts, List<CsafProblem> problems)
    {
        var defined = new HashSet<string>(facts.ProductDefinitions.Count, StringComparer.Ordinal);
        foreach (var definition in facts.ProductDefinitions)
        {
            defined.Add(definition.Id);
        }

        // The ids of the array ids, member field of the item index of parent's list.
        void Check(CsafNode? ids, JsonPath parent, string list, int index, string field)
        {
            foreach (var (id, i) in Strings(ids))
            {
                if (!defined.Contains(id))
                {
                    problems.Add(new("6.1.1", $"{parent.Item(list, index)}/{field}/{i}", $"product id '{id}' is not defined in the product tree"));
                }
            }
        }

        foreach (var (group, i) in Items(facts.ProductTree, "product_groups"))
        {
            Check(ArrayMember(group, "product_ids"), CsafFacts.ProductTreePath, "product_groups", i, "product_ids");
        }

        foreach (var (relationship, i) in Items(facts.ProductTree, "relationships"))
        {
            foreach (var field in (string[])["product_reference", "relates_to_product_reference"])
            {
                if (Text(relationship, field) is { } id && !defined.Contains(id))
                {
                    problems.Add(new("6.1.1", $"{CsafFacts.ProductTreePath.Item("relationships", i)}/{field}", $"product id '{id}' is not defined in the product tree"));
                }
            }
        }

        foreach (var vulnerability in facts.Vulnerabilities)
        {
            var path = vulnerability.Path;
            foreach (var group in vulnerability.StatusGroups)
            {
                for (var i = 0; i < group.Ids.Length; i++)
                {
                    if (group.Ids[i] is { } id && !defined.Contains(id))
                    {
                        problems.Add(new("6.1.1", $"{path}/product_status/{group.Name}/{i}", $"product id '{id}' is not defined in the product tree"));
                    }
                }
            }

            foreach (var (list, field) in VulnerabilityReferences)
            {
                foreach (var (item, i) in Items(vulnerability.Member(list)))
                {
                    Check(ArrayMember(item, field), path, list, i, field);
                }
            }
        }
    }

    private static void MultipleProductId(CsafFacts facts, List<CsafProblem> problems)
    {
        var seen = new HashSet<string>(facts.ProductDefinitions.Count, StringComparer.Ordinal);
        foreach (var definition in facts.ProductDefinitions)
        {
            if (!seen.Add(definition.Id))
            {
                problems.Add(new("6.1.2", definition.Path, $"product id '{definition.Id}' is defined more than once"));
            }
        }
    }

    private static void CircularProductId(CsafFacts facts, List<CsafProblem> problems)
    {
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var paths = new Dictionary<string, JsonPath>(StringComparer.Ordinal);
        foreach (var (relationship, i) in Items(facts.ProductTree, "relationships"))
        {
            if (Text(Member(relationship, "full_product_name"), "product_id") is not { } id)
            {
                continue;
            }

            paths.TryAdd(id, CsafFacts.ProductTreePath.Item("relationships", i));
            if (!edges.TryGetValue(id, out var targets))
            {
                edges[id] = targets = [];
            }

            foreach (var field in (string[])["product_reference", "relates_to_product_reference"])
            {
                if (Text(relationship, field) is { } target)
                {
                    targets.Add(target);
                }
            }
        }

        if (edges.Count == 0)
        {
            return;
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
                problems.Add(new("6.1.3", $"{paths[id]}/full_product_name/product_id", $"product id '{id}' is defined through itself (circular relationship)"));
            }
        }
    }

    private static void MissingGroupId(CsafFacts facts, List<CsafProblem> problems)
    {
        HashSet<string>? defined = null;
        foreach (var vulnerability in facts.Vulnerabilities)
        {
            foreach (var list in GroupReferences)
            {
                foreach (var (item, i) in Items(vulnerability.Member(list)))
                {
                    foreach (var (id, at) in Strings(item, "group_ids"))
                    {
                        if (defined is null)
                        {
                            defined = new HashSet<string>(StringComparer.Ordinal);
                            foreach (var definition in facts.GroupDefinitions)
                            {
                                defined.Add(definition.Id);
                            }
                        }

                        if (!defined.Contains(id))
                        {
                            problems.Add(new("6.1.4", $"{vulnerability.Path.Item(list, i)}/group_ids/{at}", $"product group id '{id}' is not defined in the product tree"));
                        }
                    }
                }
            }
        }
    }

    private static void MultipleGroupId(CsafFacts facts, List<CsafProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in facts.GroupDefinitions)
        {
            if (!seen.Add(definition.Id))
            {
                problems.Add(new("6.1.5", definition.Path, $"product group id '{definition.Id}' is defined more than once"));
            }
        }
    }

    private static void ContradictingStatus(CsafFacts facts, List<CsafProblem> problems)
    {
        var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var inField = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vulnerability in facts.Vulnerabilities)
        {
            groupOf.Clear();
            foreach (var (name, members) in StatusGroups)
            {
                foreach (var field in members)
                {
                    if (vulnerability.StatusIds(field) is not { } ids)
                    {
                        continue;
                    }

                    inField.Clear();
                    for (var at = 0; at < ids.Length; at++)
                    {
                        if (ids[at] is not { } id || !inField.Add(id))
                        {
                            continue;
                        }

                        if (groupOf.TryGetValue(id, out var other) && other != name)
                        {
                            problems.Add(new("6.1.6", $"{vulnerability.Path}/product_status/{field}/{at}", $"product '{id}' is both {other} and {name}"));
                        }

                        groupOf.TryAdd(id, name);
                    }
                }
            }
        }
    }

    private static void MultipleScores(CsafFacts facts, List<CsafProblem> problems)
    {
        var seen = new HashSet<(string, string)>();
        var versions = new List<string>(2);
        JsonPath? vulnerability = null;
        foreach (var score in facts.Scores)
        {
            if (!ReferenceEquals(score.Vulnerability, vulnerability))
            {
                vulnerability = score.Vulnerability;
                seen.Clear();
            }

            versions.Clear();
            if (score.V2.IsObject)
            {
                versions.Add("2");
            }

            if (score.V3.Version is { } v3)
            {
                versions.Add(v3);
            }

            if (versions.Count == 0)
            {
                continue;
            }

            foreach (var (id, at) in Strings(score.Item, "products"))
            {
                foreach (var version in versions)
                {
                    if (!seen.Add((id, version)))
                    {
                        problems.Add(new("6.1.7", $"{score.Path}/products/{at}", $"product '{id}' has a second CVSS {version} score in this vulnerability"));
                    }
                }
            }
        }
    }

    private static void InvalidCvss(CsafFacts facts, List<CsafProblem> problems)
    {
        foreach (var score in facts.Scores)
        {
            if (score.V3 is { IsObject: true } v3)
            {
                var vector = v3.Vector;
                if (!V3Required.All(v3.Has))
                {
                    problems.Add(new("6.1.8", $"{score.Path}/cvss_v3", $"missing {string.Join(", ", V3Required.Where(f => !v3.Has(f)))} (CVSS v3 JSON schema)"));
                }
                else if (vector is null || !Cvss.IsV3Vector(vector) || v3.Version is not ("3.0" or "3.1") || !vector.AsSpan("CVSS:".Length, 3).SequenceEqual(v3.Version))
                {
                    problems.Add(new("6.1.8", $"{score.Path}/cvss_v3/vectorString", $"'{vector}' is not a CVSS {v3.Version} vector"));
                }
            }

            if (score.V2 is { IsObject: true } v2)
            {
                var vector = v2.Vector;
                if (!V2Required.All(v2.Has))
                {
                    problems.Add(new("6.1.8", $"{score.Path}/cvss_v2", $"missing {string.Join(", ", V2Required.Where(f => !v2.Has(f)))} (CVSS v2 JSON schema)"));
                }
                else if (vector is null || !Cvss.IsV2Vector(vector) || v2.Version != "2.0")
                {
                    problems.Add(new("6.1.8", $"{score.Path}/cvss_v2/vectorString", $"'{vector}' is not a CVSS 2.0 vector"));
                }
            }
        }
    }

    private static void InvalidCvssComputation(CsafFacts facts, List<CsafProblem> problems)
    {
        foreach (var score in facts.Scores)
        {
            var (v2, v3) = (score.V2, score.V3);
            if (v3.Vector is { } vector3 && Cvss.V3Base(vector3) is { } computed3)
            {
                if (v3.BaseScore is { } given && Math.Abs(given - computed3) > 0.001)
                {
                    problems.Add(new("6.1.9", $"{score.Path}/cvss_v3/baseScore", string.Create(CultureInfo.InvariantCulture, $"{given} but the vector gives {computed3}")));
                }

                if (v3.Severity is { } severity && severity != Cvss.V3Severity(computed3))
                {
                    problems.Add(new("6.1.9", $"{score.Path}/cvss_v3/baseSeverity", $"{severity} but the score {computed3.ToString(CultureInfo.InvariantCulture)} is {Cvss.V3Severity(computed3)}"));
                }
            }

            if (v2.Vector is { } vector2 && Cvss.V2Base(vector2) is { } computed2 && v2.BaseScore is { } given2 && Math.Abs(given2 - computed2) > 0.001)
            {
                problems.Add(new("6.1.9", $"{score.Path}/cvss_v2/baseScore", string.Create(CultureInfo.InvariantCulture, $"{given2} but the vector gives {computed2}")));
            }
        }
    }
}
