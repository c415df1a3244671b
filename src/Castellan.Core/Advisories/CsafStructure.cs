using System.Text.Json;

namespace Castellan.Core.Advisories;

/// <summary>
/// The parts of the CSAF 2.0 JSON schema (csaf_json_schema.json) Castellan relies on, checked in code so that the
/// binary ships no schema file: the document's category, version, publisher and tracking; product tree branches,
/// products and relationships; vulnerabilities with their product status, scores and remediations. Unknown members
/// are refused where the schema forbids them (top level, document, tracking, product tree, vulnerability).
/// </summary>
internal static class CsafStructure
{
    private static readonly HashSet<string> TopLevel = ["document", "product_tree", "vulnerabilities"];

    private static readonly HashSet<string> DocumentMembers =
        ["acknowledgments", "aggregate_severity", "category", "csaf_version", "distribution", "lang", "notes", "publisher", "references", "source_lang", "title", "tracking"];

    private static readonly HashSet<string> TrackingMembers =
        ["aliases", "current_release_date", "generator", "id", "initial_release_date", "revision_history", "status", "version"];

    private static readonly HashSet<string> ProductTreeMembers = ["branches", "full_product_names", "product_groups", "relationships"];

    private static readonly HashSet<string> VulnerabilityMembers =
        ["acknowledgments", "cve", "cwe", "discovery_date", "flags", "ids", "involvements", "notes", "product_status", "references", "release_date", "remediations", "scores", "threats", "title"];

    private static readonly HashSet<string> StatusMembers =
        ["first_affected", "first_fixed", "fixed", "known_affected", "known_not_affected", "last_affected", "recommended", "under_investigation"];

    public static void Check(JsonElement root, List<CsafProblem> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("schema", "/", "a CSAF document is a JSON object"));
            return;
        }

        Members(root, "", TopLevel, problems);
        if (!root.TryGetProperty("document", out var document) || document.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("schema", "/document", "required object is missing"));
            return;
        }

        Members(document, "/document", DocumentMembers, problems);
        Text(document, "/document", "category", problems);
        if (Text(document, "/document", "csaf_version", problems) is { } version && version != "2.0")
        {
            problems.Add(new("schema", "/document/csaf_version", $"'{version}' is not 2.0"));
        }

        Text(document, "/document", "title", problems);
        if (Object(document, "/document", "publisher", problems) is { } publisher)
        {
            Text(publisher, "/document/publisher", "category", problems);
            Text(publisher, "/document/publisher", "name", problems);
            Text(publisher, "/document/publisher", "namespace", problems);
        }

        if (Object(document, "/document", "tracking", problems) is { } tracking)
        {
            Members(tracking, "/document/tracking", TrackingMembers, problems);
            foreach (var field in (string[])["id", "version", "status", "current_release_date", "initial_release_date"])
            {
                Text(tracking, "/document/tracking", field, problems);
            }

            if (!tracking.TryGetProperty("revision_history", out var history) || history.ValueKind != JsonValueKind.Array || history.GetArrayLength() == 0)
            {
                problems.Add(new("schema", "/document/tracking/revision_history", "required: at least one revision"));
            }

            foreach (var field in (string[])["current_release_date", "initial_release_date"])
            {
                if (tracking.TryGetProperty(field, out var date) && date.ValueKind == JsonValueKind.String && !DateTimeOffset.TryParse(date.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    problems.Add(new("schema", $"/document/tracking/{field}", $"'{date.GetString()}' is not a date-time"));
                }
            }
        }

        if (root.TryGetProperty("product_tree", out var tree))
        {
            ProductTree(tree, problems);
        }

        if (root.TryGetProperty("vulnerabilities", out var vulnerabilities))
        {
            Vulnerabilities(vulnerabilities, problems);
        }
    }

    private static void ProductTree(JsonElement tree, List<CsafProblem> problems)
    {
        if (tree.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("schema", "/product_tree", "must be an object"));
            return;
        }

        Members(tree, "/product_tree", ProductTreeMembers, problems);
        if (tree.TryGetProperty("branches", out var branches))
        {
            Branches(branches, "/product_tree/branches", problems);
        }

        foreach (var (product, path) in Items(tree, "/product_tree", "full_product_names", problems))
        {
            FullProductName(product, path, problems);
        }

        foreach (var (relationship, path) in Items(tree, "/product_tree", "relationships", problems))
        {
            Text(relationship, path, "category", problems);
            Text(relationship, path, "product_reference", problems);
            Text(relationship, path, "relates_to_product_reference", problems);
            if (Object(relationship, path, "full_product_name", problems) is { } name)
            {
                FullProductName(name, path + "/full_product_name", problems);
            }
        }

        foreach (var (group, path) in Items(tree, "/product_tree", "product_groups", problems))
        {
            Text(group, path, "group_id", problems);
        }
    }

    private static void Branches(JsonElement branches, string path, List<CsafProblem> problems)
    {
        if (branches.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new("schema", path, "must be an array"));
            return;
        }

        var i = 0;
        foreach (var branch in branches.EnumerateArray())
        {
            var here = $"{path}/{i++}";
            if (branch.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("schema", here, "a branch is an object"));
                continue;
            }

            Text(branch, here, "category", problems);
            Text(branch, here, "name", problems);
            var hasProduct = branch.TryGetProperty("product", out var product);
            var hasBranches = branch.TryGetProperty("branches", out var children);
            if (hasProduct == hasBranches)
            {
                problems.Add(new("schema", here, "a branch has either 'branches' or 'product'"));
            }

            if (hasProduct)
            {
                FullProductName(product, here + "/product", problems);
            }

            if (hasBranches)
            {
                Branches(children, here + "/branches", problems);
            }
        }
    }

    private static void FullProductName(JsonElement product, string path, List<CsafProblem> problems)
    {
        if (product.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("schema", path, "a product is an object"));
            return;
        }

        Text(product, path, "name", problems);
        Text(product, path, "product_id", problems);
    }

    private static void Vulnerabilities(JsonElement vulnerabilities, List<CsafProblem> problems)
    {
        if (vulnerabilities.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new("schema", "/vulnerabilities", "must be an array"));
            return;
        }

        var i = 0;
        foreach (var vulnerability in vulnerabilities.EnumerateArray())
        {
            var path = $"/vulnerabilities/{i++}";
            if (vulnerability.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("schema", path, "a vulnerability is an object"));
                continue;
            }

            Members(vulnerability, path, VulnerabilityMembers, problems);
            if (vulnerability.TryGetProperty("product_status", out var status))
            {
                if (status.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new("schema", path + "/product_status", "must be an object"));
                }
                else
                {
                    Members(status, path + "/product_status", StatusMembers, problems);
                    foreach (var group in status.EnumerateObject())
                    {
                        Strings(group.Value, $"{path}/product_status/{group.Name}", problems);
                    }
                }
            }

            foreach (var (remediation, here) in Items(vulnerability, path, "remediations", problems))
            {
                Text(remediation, here, "category", problems);
                Text(remediation, here, "details", problems);
            }

            foreach (var (score, here) in Items(vulnerability, path, "scores", problems))
            {
                if (!score.TryGetProperty("products", out var products))
                {
                    problems.Add(new("schema", here + "/products", "required array is missing"));
                }
                else
                {
                    Strings(products, here + "/products", problems);
                }
            }
        }
    }

    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement parent, string path, string name, List<CsafProblem> problems)
    {
        if (!parent.TryGetProperty(name, out var array))
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new("schema", $"{path}/{name}", "must be an array"));
            yield break;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var here = $"{path}/{name}/{i++}";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("schema", here, "must be an object"));
                continue;
            }

            yield return (item, here);
        }
    }

    private static void Strings(JsonElement array, string path, List<CsafProblem> problems)
    {
        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            problems.Add(new("schema", path, "must be an array of strings"));
        }
    }

    private static JsonElement? Object(JsonElement parent, string path, string name, List<CsafProblem> problems)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        problems.Add(new("schema", $"{path}/{name}", "required object is missing"));
        return null;
    }

    private static string? Text(JsonElement parent, string path, string name, List<CsafProblem> problems)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        problems.Add(new("schema", $"{path}/{name}", "required non-empty string is missing"));
        return null;
    }

    private static void Members(JsonElement element, string path, HashSet<string> allowed, List<CsafProblem> problems)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (!allowed.Contains(member.Name))
            {
                problems.Add(new("schema", $"{path}/{member.Name}", "unknown member (the CSAF 2.0 schema does not allow it)"));
            }
        }
    }
}
