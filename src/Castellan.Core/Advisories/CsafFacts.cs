using System.Text.Json;
using static Castellan.Core.Advisories.CsafJson;

namespace Castellan.Core.Advisories;

/// <summary>
/// What several mandatory tests need from one document, collected once per document instead of once per test: its
/// category, its vulnerabilities, the product ids and product group ids it defines. Each part is collected when a test
/// first asks for it, so that running one test (advisories validate, the OASIS cases) collects only what it reads.
/// </summary>
internal sealed class CsafFacts(CsafNode root)
{
    private bool categoryRead;
    private string? category;
    private List<CsafVulnerability>? vulnerabilities;
    private List<Definition>? productDefinitions;
    private List<Definition>? groupDefinitions;
    private Dictionary<string, List<string>>? groups;
    private List<CsafScore>? scores;

    public CsafNode Root { get; } = root;

    public CsafNode? Document { get; } = Member(root, "document");

    public CsafNode? ProductTree { get; } = Member(root, "product_tree");

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
                foreach (var (group, i) in Items(ProductTree, "product_groups"))
                {
                    if (Text(group, "group_id") is { } id)
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
                foreach (var (group, _) in Items(ProductTree, "product_groups"))
                {
                    if (Text(group, "group_id") is { } id)
                    {
                        var ids = new List<string>();
                        foreach (var (productId, _) in Strings(group, "product_ids"))
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
        void Walk(CsafNode? parent, JsonPath path)
        {
            foreach (var (branch, i) in Items(parent, "branches"))
            {
                var here = path.Item("branches", i);
                if (Text(Member(branch, "product"), "product_id") is { } id)
                {
                    result.Add(new(id, here, "/product/product_id"));
                }

                Walk(branch, here);
            }
        }

        Walk(ProductTree, ProductTreePath);
        foreach (var (product, i) in Items(ProductTree, "full_product_names"))
        {
            if (Text(product, "product_id") is { } id)
            {
                result.Add(new(id, ProductTreePath.Item("full_product_names", i), "/product_id"));
            }
        }

        foreach (var (relationship, i) in Items(ProductTree, "relationships"))
        {
            if (Text(Member(relationship, "full_product_name"), "product_id") is { } id)
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

/// <summary>One item of /vulnerabilities with its path.</summary>
internal sealed class CsafVulnerability(CsafNode item, JsonPath path)
{
    private List<StatusGroup>? statusGroups;

    public CsafNode Item { get; } = item;

    public JsonPath Path { get; } = path;

    /// <summary>The member <paramref name="name"/>, null when absent (or when the vulnerability is not an object).</summary>
    public CsafNode? Member(string name) => Item.Member(name);

    public bool Has(string name) => Member(name) is not null;

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
                if (Member("product_status") is { Kind: JsonValueKind.Object } status)
                {
                    foreach (var member in status.Values)
                    {
                        if (status.Member(member.Name!) is { Kind: JsonValueKind.Array, StringItems: { } ids })
                        {
                            statusGroups.Add(new(member.Name!, ids));
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
internal sealed class CsafScore(CsafNode item, JsonPath vulnerability, int index)
{
    public CsafNode Item { get; } = item;

    public JsonPath Vulnerability { get; } = vulnerability;

    public int Index { get; } = index;

    /// <summary>/vulnerabilities/i/scores/j (formatted only for a problem).</summary>
    public JsonPath Path => Vulnerability.Item("scores", Index);

    public CsafCvss V2 { get; } = new(Member(item, "cvss_v2"));

    public CsafCvss V3 { get; } = new(Member(item, "cvss_v3"));
}

/// <summary>
/// The members of a CVSS object the tests read, in one pass over its members (a name given twice counts with its last
/// value, as when looked up): whether each is present (any kind), the strings, and the base score when it is a number.
/// </summary>
internal sealed class CsafCvss
{
    public CsafCvss(CsafNode? cvss)
    {
        if (cvss is not { Kind: JsonValueKind.Object })
        {
            return;
        }

        IsObject = true;
        foreach (var value in cvss.Values)
        {
            switch (value.Name)
            {
                case "version":
                    (HasVersion, Version) = (true, value.Kind == JsonValueKind.String ? value.Text : null);
                    break;
                case "vectorString":
                    (HasVector, Vector) = (true, value.Kind == JsonValueKind.String ? value.Text : null);
                    break;
                case "baseScore":
                    (HasBaseScore, BaseScore) = (true, value.Number);
                    break;
                case "baseSeverity":
                    (HasSeverity, Severity) = (true, value.Kind == JsonValueKind.String ? value.Text : null);
                    break;
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
