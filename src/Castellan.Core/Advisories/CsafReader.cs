using System.Text.Json;
using Castellan.Domain.Advisories;
using static Castellan.Core.Advisories.CsafJson;

namespace Castellan.Core.Advisories;

/// <summary>The verdict on one CSAF document: the advisory when it passed, else every problem found.</summary>
public sealed record CsafVerdict(Advisory? Advisory, IReadOnlyList<CsafProblem> Problems)
{
    public bool Valid => Problems.Count == 0;
}

/// <summary>
/// Reads a CSAF 2.0 JSON document with limits set before reading (size, nesting depth), checks the structure
/// Castellan relies on and the implemented mandatory tests, and reduces it to an <see cref="Advisory"/>.
/// </summary>
public static class CsafReader
{
    public const long MaxBytes = 32L * 1024 * 1024;

    /// <summary>Reads and checks a document; <paramref name="headerOnly"/>: the advisory without products and vulnerabilities (import needs no more).</summary>
    public static CsafVerdict Read(ReadOnlyMemory<byte> bytes, bool headerOnly = false)
    {
        if (bytes.Length > MaxBytes)
        {
            return new(null, [new("json", "/", $"{bytes.Length / (1024 * 1024)} MB is more than the {MaxBytes / (1024 * 1024)} MB a CSAF document may have")]);
        }

        if (Parse(bytes, full: !headerOnly, out var problem) is not { } root)
        {
            return new(null, [problem!]);
        }

        var problems = new List<CsafProblem>();
        CsafStructure.Check(root, problems);
        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        problems.AddRange(CsafMandatoryTests.Run(root));
        return problems.Count > 0 ? new(null, problems) : new(ToAdvisory(root, headerOnly), []);
    }

    // The document read for the checks (valid until this thread reads the next), or null with the reason it is not JSON.
    private static CsafNode? Parse(ReadOnlyMemory<byte> bytes, bool full, out CsafProblem? problem)
    {
        try
        {
            (var root, problem) = (CsafNode.ParseReusing(bytes.Span, full), null);
            return root;
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            problem = new("json", e.Path ?? "/", $"not valid JSON{at}: {Reason(e.Message.Split(" LineNumber:")[0].Split(" Path:")[0])}");
            return null;
        }
    }

    // The reader's message; the command runs with resource keys for messages (trimmed resources), so the common ones are said here.
    private static string Reason(string message) => message.Split(',')[0] switch
    {
        "ZeroDepthAtEnd" or "ExpectedSeparatorAfterPropertyNameNotFound" or "EndOfStringNotFound" => "the document ends before its value is complete",
        "ExpectedEndAfterSingleJson" => "something follows the document's value",
        "ArrayDepthTooLarge" or "ObjectDepthTooLarge" or "DepthTooLarge" => $"nested deeper than {CsafNode.MaxDepth} levels",
        "ExpectedJsonTokens" => "the file is empty",
        _ => message.TrimEnd(',', ' '),
    };

    /// <summary>
    /// Reads a document that passed <see cref="Read"/> when it was imported (the advisories table holds no other):
    /// only parsed and reduced to an <see cref="Advisory"/>, not checked again. Checking is most of the work of reading
    /// a document, and `castellan vulns` reads every stored one.
    /// </summary>
    public static Advisory ReadImported(ReadOnlyMemory<byte> bytes) => ToAdvisory(CsafNode.ParseReusing(bytes.Span, full: true), headerOnly: false);

    private static Advisory ToAdvisory(CsafNode root, bool headerOnly)
    {
        var document = Member(root, "document");
        var tracking = Member(document, "tracking");
        var header = new Advisory
        {
            TrackingId = Text(tracking, "id")!,
            Version = Text(tracking, "version")!,
            Title = Text(document, "title")!,
            Publisher = Text(Member(document, "publisher"), "name")!,
            CurrentReleaseDate = TryParseDate(Text(tracking, "current_release_date")!, out var released) ? released : throw new FormatException("current_release_date"),
        };
        if (headerOnly)
        {
            return header;
        }

        var products = Products(Member(root, "product_tree"));
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (group, _) in Items(Member(root, "product_tree"), "product_groups"))
        {
            groups[Text(group, "group_id")!] = [.. Strings(group, "product_ids").Select(s => s.Value)];
        }

        return header with
        {
            Products = products,
            Vulnerabilities = [.. Items(root, "vulnerabilities").Select(v => Vulnerability(v.Item, groups))],
        };
    }

    private static List<AdvisoryProduct> Products(CsafNode? tree)
    {
        var products = new List<AdvisoryProduct>();
        void Walk(CsafNode? parent, string? vendor, string? productName, VersionRange versions)
        {
            foreach (var (branch, _) in Items(parent, "branches"))
            {
                var name = Text(branch, "name");
                var category = Text(branch, "category");
                var (v, p, r) = category switch
                {
                    "vendor" => (name, productName, versions),
                    "product_name" => (vendor, name, versions),
                    "product_family" => (vendor, productName ?? name, versions),
                    "product_version" or "product_version_range" => (vendor, productName, VersionRange.Parse(name)),
                    _ => (vendor, productName, versions),
                };
                if (Member(branch, "product") is { Kind: JsonValueKind.Object } product)
                {
                    products.Add(FromHelper(product, v, p, r));
                }

                Walk(branch, v, p, r);
            }
        }

        Walk(tree, null, null, VersionRange.Unknown);
        foreach (var (product, _) in Items(tree, "full_product_names"))
        {
            products.Add(FromHelper(product, null, null, VersionRange.Unknown));
        }

        // A relationship's product (a component installed on a platform) is matched as its component.
        var byId = products.GroupBy(p => p.ProductId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (relationship, _) in Items(tree, "relationships"))
        {
            var full = Member(relationship, "full_product_name");
            if (Text(relationship, "product_reference") is { } reference && byId.TryGetValue(reference, out var component))
            {
                products.Add(component with { ProductId = Text(full, "product_id")!, Name = Text(full, "name")! });
            }
        }

        return products;
    }

    private static AdvisoryProduct FromHelper(CsafNode product, string? vendor, string? productName, VersionRange versions)
    {
        var helper = Member(product, "product_identification_helper");
        var models = Strings(helper, "model_numbers").Select(s => s.Value).ToList();

        // cpe:2.3:part:vendor:product:version:… — vendor and product where the tree has no branches for them.
        if (Text(helper, "cpe") is { } cpe && cpe.Split(':') is { Length: > 5 } parts && parts[1] == "2.3")
        {
            vendor ??= parts[3].Replace('_', ' ');
            productName ??= parts[4].Replace('_', ' ');
            if (versions.IsUnknown && parts[5] is { Length: > 0 } version && version != "-")
            {
                versions = VersionRange.Parse(version == "*" ? "*" : version);
            }
        }

        return new AdvisoryProduct(Text(product, "product_id")!, Text(product, "name")!, vendor, productName, versions, models);
    }

    private static Vulnerability Vulnerability(CsafNode vulnerability, Dictionary<string, List<string>> groups)
    {
        var status = new Dictionary<string, ProductStatus>(StringComparer.Ordinal);
        var statuses = Member(vulnerability, "product_status");
        foreach (var (field, value) in ((string, ProductStatus)[])[
            ("first_affected", ProductStatus.Affected), ("known_affected", ProductStatus.Affected), ("last_affected", ProductStatus.Affected),
            ("first_fixed", ProductStatus.Fixed), ("fixed", ProductStatus.Fixed), ("known_not_affected", ProductStatus.NotAffected),
            ("under_investigation", ProductStatus.UnderInvestigation)])
        {
            foreach (var (id, _) in Strings(statuses, field))
            {
                status.TryAdd(id, value);
            }
        }

        IEnumerable<string> ProductsOf(CsafNode item) =>
            Strings(item, "product_ids").Select(s => s.Value)
                .Concat(Strings(item, "group_ids").SelectMany(g => groups.GetValueOrDefault(g.Value) ?? []))
                .Distinct(StringComparer.Ordinal);

        var remediations = new List<Remediation>();
        foreach (var (item, _) in Items(vulnerability, "remediations"))
        {
            if (RemediationCategoryNames.TryParse(Text(item, "category"), out var category))
            {
                remediations.Add(new Remediation(category, Text(item, "details")!, Text(item, "url"), [.. ProductsOf(item)]));
            }
        }

        var scores = new List<CvssScore>();
        foreach (var (item, _) in Items(vulnerability, "scores"))
        {
            var products = Strings(item, "products").Select(s => s.Value).ToList();
            foreach (var cvss in (string[])["cvss_v3", "cvss_v2"])
            {
                var value = Member(item, cvss);
                if (Text(value, "vectorString") is { } vector && Member(value, "baseScore") is { Number: { } score })
                {
                    scores.Add(new CvssScore(Text(value, "version") ?? cvss[^1..], vector, score, products));
                }
            }
        }

        var justifications = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (flag, _) in Items(vulnerability, "flags"))
        {
            if (Text(flag, "label") is { } label)
            {
                foreach (var id in ProductsOf(flag))
                {
                    justifications.TryAdd(id, label);
                }
            }
        }

        return new Vulnerability
        {
            Cve = Text(vulnerability, "cve"),
            Title = Text(vulnerability, "title"),
            Status = status,
            FirstFixed = Strings(statuses, "first_fixed").Select(s => s.Value).ToHashSet(StringComparer.Ordinal),
            Scores = scores,
            Remediations = remediations,
            Justifications = justifications,
        };
    }
}
