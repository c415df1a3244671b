using System.Text.Json;
using static Castellan.Core.Advisories.CsafJson;

namespace Castellan.Core.Advisories;

/// <summary>
/// What several mandatory tests need from one document, collected once per document instead of once per test: its
/// category, its vulnerabilities, the product ids and product group ids it defines. Each part is collected when a test
/// first asks for it, so that running one test (advisories validate, the OASIS cases) collects only what it reads.
/// </summary>
internal sealed class CsafFacts(JsonElement root)
{
    private bool categoryRead;
    private string? category;
    private List<CsafVulnerability>? vulnerabilities;
    private List<Definition>? productDefinitions;
    private List<Definition>? groupDefinitions;
    private Dictionary<string, List<string>>? groups;
    private List<CsafScore>? scores;

    public JsonElement Root { get; } = root;

    public JsonElement Document { get; } = Member(root, "document");

    public JsonElement ProductTree { get; } = Member(root, "product_tree");

    /// <summary>/document/category: the profile (CSAF 2.0 §4).</summary>
    public string? Category
    {
        get
        {
            if (!categoryRead)
            {
                (category, categoryRead) = (Text(Document, "category"), true);
            }

            return category;
        }
    }

    /// <summary>Every item of /vulnerabilities (of any kind) with its path.</summary>
    public List<CsafVulnerability> Vulnerabilities
    {
        get
        {
            if (vulnerabilities is null)
            {
                vulnerabilities = [];
                foreach (var (item, i) in Items(Root, "vulnerabilities"))
                {
                    vulnerabilities.Add(new(item, JsonPath.Root.Item("vulnerabilities", i)));
                }
            }

            return vulnerabilities;
        }
    }

    /// <summary>Every product id definition, in document order: branch products, full product names, relationships' full product names.</summary>
    public IReadOnlyList<Definition> ProductDefinitions => productDefinitions ??= CollectProductDefinitions();

    /// <summary>Every product group id definition, in document order.</summary>
    public IReadOnlyList<Definition> GroupDefinitions
    {
        get
        {
            if (groupDefinitions is null)
            {
                groupDefinitions = [];
                foreach (var (group, i) in Items(ProductTree, "product_groups"u8))
                {
                    if (Text(group, "group_id"u8) is { } id)
                    {
                        groupDefinitions.Add(new(id, ProductTreePath.Item("product_groups", i), "/group_id"));
                    }
                }
            }

            return groupDefinitions;
        }
    }

    /// <summary>The product ids of each product group (the last definition of a group id wins).</summary>
    public Dictionary<string, List<string>> Groups
    {
        get
        {
            if (groups is null)
            {
                groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var (group, _) in Items(ProductTree, "product_groups"u8))
                {
                    if (Text(group, "group_id"u8) is { } id)
                    {
                        var ids = new List<string>();
                        foreach (var (productId, _) in Strings(group, "product_ids"u8))
                        {
                            ids.Add(productId);
                        }

                        groups[id] = ids;
                    }
                }
            }

            return groups;
        }
    }

    public static JsonPath ProductTreePath { get; } = JsonPath.Root.Member("product_tree");

    /// <summary>Every object item of every vulnerability's scores, with its CVSS v2 and v3 objects read once (6.1.7, 6.1.8 and 6.1.9 read them).</summary>
    public List<CsafScore> Scores
    {
        get
        {
            if (scores is null)
            {
                scores = [];
                foreach (var vulnerability in Vulnerabilities)
                {
                    foreach (var (score, i) in Items(vulnerability.Member("scores")))
                    {
                        scores.Add(new(score, vulnerability.Path, i));
                    }
                }
            }

            return scores;
        }
    }

    private List<Definition> CollectProductDefinitions()
    {
        var result = new List<Definition>();
        void Walk(JsonElement parent, JsonPath path)
        {
            foreach (var (branch, i) in Items(parent, "branches"u8))
            {
                var here = path.Item("branches", i);
                if (Text(Member(branch, "product"u8), "product_id"u8) is { } id)
                {
                    result.Add(new(id, here, "/product/product_id"));
                }

                Walk(branch, here);
            }
        }

        Walk(ProductTree, ProductTreePath);
        foreach (var (product, i) in Items(ProductTree, "full_product_names"u8))
        {
            if (Text(product, "product_id"u8) is { } id)
            {
                result.Add(new(id, ProductTreePath.Item("full_product_names", i), "/product_id"));
            }
        }

        foreach (var (relationship, i) in Items(ProductTree, "relationships"u8))
        {
            if (Text(Member(relationship, "full_product_name"u8), "product_id"u8) is { } id)
            {
                result.Add(new(id, ProductTreePath.Item("relationships", i), "/full_product_name/product_id"));
            }
        }

        return result;
    }

    /// <summary>
    /// An id defined at <see cref="Owner"/> + <see cref="Suffix"/> (formatted only when reported). A class: the
    /// framework's generic collections over a struct of this assembly have no ready-to-run code and start interpreted
    /// slowly (tier 0) in every process.
    /// </summary>
    public sealed record Definition(string Id, JsonPath Owner, string Suffix)
    {
        public string Path => Owner + Suffix;
    }
}

/// <summary>
/// One item of /vulnerabilities with the members the tests read, each looked up once in one pass over its members
/// instead of by name in every test (a repeated name counts with its last value, as JsonElement.TryGetProperty).
/// </summary>
internal sealed class CsafVulnerability
{
    private static readonly byte[][] Names = [.. ((string[])["product_status", "remediations", "scores", "threats", "flags", "involvements", "notes", "cve", "ids"]).Select(System.Text.Encoding.UTF8.GetBytes)];

    private readonly JsonElement[] members = new JsonElement[Names.Length];
    private List<StatusGroup>? statusGroups;

    public CsafVulnerability(JsonElement item, JsonPath path)
    {
        (Item, Path) = (item, path);
        if (item.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in item.EnumerateObject())
        {
            var name = Name(member);
            for (var n = 0; n < Names.Length; n++)
            {
                if (name.SequenceEqual(Names[n]))
                {
                    members[n] = member.Value;
                    break;
                }
            }
        }
    }

    public JsonElement Item { get; }

    public JsonPath Path { get; }

    /// <summary>The member <paramref name="name"/> (one of those the tests read), default when absent.</summary>
    public JsonElement Member(string name) => members[name switch
    {
        "product_status" => 0,
        "remediations" => 1,
        "scores" => 2,
        "threats" => 3,
        "flags" => 4,
        "involvements" => 5,
        "notes" => 6,
        "cve" => 7,
        "ids" => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a member the tests read"),
    }];

    public bool Has(string name) => Member(name).ValueKind != JsonValueKind.Undefined;

    /// <summary>
    /// The arrays of product_status, one per member in document order, with their string items read once for the tests
    /// that go through them (6.1.1, 6.1.6). A name given twice counts with its last value, each time, as when looked up.
    /// </summary>
    public List<StatusGroup> StatusGroups
    {
        get
        {
            if (statusGroups is null)
            {
                statusGroups = [];
                var status = Member("product_status");
                if (status.ValueKind == JsonValueKind.Object)
                {
                    foreach (var member in status.EnumerateObject())
                    {
                        if (status.TryGetProperty(Name(member), out var value) && value.ValueKind == JsonValueKind.Array)
                        {
                            var ids = new string?[value.GetArrayLength()];
                            foreach (var (item, i) in Items(value))
                            {
                                ids[i] = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                            }

                            statusGroups.Add(new(member.Name, ids));
                        }
                    }
                }
            }

            return statusGroups;
        }
    }

    /// <summary>The items of the product_status array <paramref name="name"/> (null where an item is not a string); null when there is none.</summary>
    public string?[]? StatusIds(string name)
    {
        foreach (var group in StatusGroups)
        {
            if (group.Name == name)
            {
                return group.Ids;
            }
        }

        return null;
    }
}

/// <summary>One array of a vulnerability's product_status: its member name and its items (null where not a string).</summary>
internal sealed record StatusGroup(string Name, string?[] Ids);

/// <summary>One item of a vulnerability's scores (any kind), with its cvss_v2 and cvss_v3 members read once.</summary>
internal sealed class CsafScore(JsonElement item, JsonPath vulnerability, int index)
{
    public JsonElement Item { get; } = item;

    public JsonPath Vulnerability { get; } = vulnerability;

    public int Index { get; } = index;

    /// <summary>/vulnerabilities/i/scores/j (formatted only for a problem).</summary>
    public JsonPath Path => Vulnerability.Item("scores", Index);

    public CsafCvss V2 { get; } = new(Member(item, "cvss_v2"u8));

    public CsafCvss V3 { get; } = new(Member(item, "cvss_v3"u8));
}

/// <summary>
/// The members of a CVSS object the tests read, in one pass over its members (a name given twice counts with its last
/// value, as when looked up): whether each is present (any kind), the strings, and the base score when it is a number.
/// </summary>
internal sealed class CsafCvss
{
    public CsafCvss(JsonElement cvss)
    {
        if (cvss.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        IsObject = true;
        foreach (var member in cvss.EnumerateObject())
        {
            var name = Name(member);
            var value = member.Value;
            if (name.SequenceEqual("version"u8))
            {
                (HasVersion, Version) = (true, value.ValueKind == JsonValueKind.String ? value.GetString() : null);
            }
            else if (name.SequenceEqual("vectorString"u8))
            {
                (HasVector, Vector) = (true, value.ValueKind == JsonValueKind.String ? value.GetString() : null);
            }
            else if (name.SequenceEqual("baseScore"u8))
            {
                (HasBaseScore, BaseScore) = (true, value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null);
            }
            else if (name.SequenceEqual("baseSeverity"u8))
            {
                (HasSeverity, Severity) = (true, value.ValueKind == JsonValueKind.String ? value.GetString() : null);
            }
        }
    }

    public bool IsObject { get; }

    public bool HasVersion { get; }

    public bool HasVector { get; }

    public bool HasBaseScore { get; }

    public bool HasSeverity { get; }

    public string? Version { get; }

    public string? Vector { get; }

    public double? BaseScore { get; }

    public string? Severity { get; }

    /// <summary>Whether the member <paramref name="name"/> is present (version, vectorString, baseScore or baseSeverity).</summary>
    public bool Has(string name) => name switch
    {
        "version" => HasVersion,
        "vectorString" => HasVector,
        "baseScore" => HasBaseScore,
        "baseSeverity" => HasSeverity,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a member the tests read"),
    };
}
