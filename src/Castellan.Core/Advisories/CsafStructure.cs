using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Castellan.Core.Advisories;

/// <summary>
/// The parts of the CSAF 2.0 JSON schema (csaf_json_schema.json) Castellan relies on, checked in code so that the
/// binary ships no schema file: the document's category, version, publisher and tracking; product tree branches,
/// products and relationships; vulnerabilities with their product status, scores and remediations. Unknown members
/// are refused where the schema forbids them (top level, document, tracking, product tree, vulnerability).
/// Paths are formatted only for a problem (<see cref="JsonPath"/>) and names compared as UTF-8: a valid document
/// costs no string.
/// </summary>
internal static class CsafStructure
{
    private static readonly byte[][] TopLevel = Utf8("document", "product_tree", "vulnerabilities");

    private static readonly byte[][] DocumentMembers =
        Utf8("acknowledgments", "aggregate_severity", "category", "csaf_version", "distribution", "lang", "notes", "publisher", "references", "source_lang", "title", "tracking");

    private static readonly byte[][] TrackingMembers =
        Utf8("aliases", "current_release_date", "generator", "id", "initial_release_date", "revision_history", "status", "version");

    private static readonly byte[][] ProductTreeMembers = Utf8("branches", "full_product_names", "product_groups", "relationships");

    private static readonly byte[][] VulnerabilityMembers =
        Utf8("acknowledgments", "cve", "cwe", "discovery_date", "flags", "ids", "involvements", "notes", "product_status", "references", "release_date", "remediations", "scores", "threats", "title");

    private static readonly byte[][] StatusMembers =
        Utf8("first_affected", "first_fixed", "fixed", "known_affected", "known_not_affected", "last_affected", "recommended", "under_investigation");

    public static void Check(JsonElement root, List<CsafProblem> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("schema", "/", "a CSAF document is a JSON object"));
            return;
        }

        Members(root, JsonPath.Root, TopLevel, problems);
        if (!root.TryGetProperty("document"u8, out var document) || document.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("schema", "/document", "required object is missing"));
            return;
        }

        var documentPath = JsonPath.Root.Member("document");
        Members(document, documentPath, DocumentMembers, problems);
        Text(document, documentPath, "category", problems);
        if (Text(document, documentPath, "csaf_version", problems) && !document.GetProperty("csaf_version"u8).ValueEquals("2.0"u8))
        {
            problems.Add(new("schema", "/document/csaf_version", $"'{document.GetProperty("csaf_version"u8).GetString()}' is not 2.0"));
        }

        Text(document, documentPath, "title", problems);
        if (Object(document, documentPath, "publisher", problems) is { } publisher)
        {
            var publisherPath = documentPath.Member("publisher");
            Text(publisher, publisherPath, "category", problems);
            Text(publisher, publisherPath, "name", problems);
            Text(publisher, publisherPath, "namespace", problems);
        }

        if (Object(document, documentPath, "tracking", problems) is { } tracking)
        {
            var trackingPath = documentPath.Member("tracking");
            Members(tracking, trackingPath, TrackingMembers, problems);
            foreach (var field in (string[])["id", "version", "status", "current_release_date", "initial_release_date"])
            {
                Text(tracking, trackingPath, field, problems);
            }

            if (!tracking.TryGetProperty("revision_history"u8, out var history) || history.ValueKind != JsonValueKind.Array || history.GetArrayLength() == 0)
            {
                problems.Add(new("schema", "/document/tracking/revision_history", "required: at least one revision"));
            }

            foreach (var field in (string[])["current_release_date", "initial_release_date"])
            {
                if (tracking.TryGetProperty(field, out var date) && date.ValueKind == JsonValueKind.String && !DateTimeOffset.TryParse(date.GetString(), CultureInfo.InvariantCulture, out _))
                {
                    problems.Add(new("schema", $"/document/tracking/{field}", $"'{date.GetString()}' is not a date-time"));
                }
            }
        }

        if (root.TryGetProperty("product_tree"u8, out var tree))
        {
            ProductTree(tree, problems);
        }

        if (root.TryGetProperty("vulnerabilities"u8, out var vulnerabilities))
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

        var treePath = JsonPath.Root.Member("product_tree");
        Members(tree, treePath, ProductTreeMembers, problems);
        if (tree.TryGetProperty("branches"u8, out var branches))
        {
            Branches(branches, treePath, problems);
        }

        foreach (var (product, path) in Items(tree, treePath, "full_product_names", problems))
        {
            FullProductName(product, path, problems);
        }

        foreach (var (relationship, path) in Items(tree, treePath, "relationships", problems))
        {
            Text(relationship, path, "category", problems);
            Text(relationship, path, "product_reference", problems);
            Text(relationship, path, "relates_to_product_reference", problems);
            if (Object(relationship, path, "full_product_name", problems) is { } name)
            {
                FullProductName(name, path.Member("full_product_name"), problems);
            }
        }

        foreach (var (group, path) in Items(tree, treePath, "product_groups", problems))
        {
            Text(group, path, "group_id", problems);
        }
    }

    // The branches member of the object at owner.
    private static void Branches(JsonElement branches, JsonPath owner, List<CsafProblem> problems)
    {
        if (branches.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new("schema", $"{owner}/branches", "must be an array"));
            return;
        }

        var i = 0;
        foreach (var branch in branches.EnumerateArray())
        {
            var here = owner.Item("branches", i++);
            if (branch.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("schema", here.ToString(), "a branch is an object"));
                continue;
            }

            Text(branch, here, "category", problems);
            Text(branch, here, "name", problems);
            var hasProduct = branch.TryGetProperty("product"u8, out var product);
            var hasBranches = branch.TryGetProperty("branches"u8, out var children);
            if (hasProduct == hasBranches)
            {
                problems.Add(new("schema", here.ToString(), "a branch has either 'branches' or 'product'"));
            }

            if (hasProduct)
            {
                FullProductName(product, here.Member("product"), problems);
            }

            if (hasBranches)
            {
                Branches(children, here, problems);
            }
        }
    }

    private static void FullProductName(JsonElement product, JsonPath path, List<CsafProblem> problems)
    {
        if (product.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("schema", path.ToString(), "a product is an object"));
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
            var path = JsonPath.Root.Item("vulnerabilities", i++);
            if (vulnerability.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("schema", path.ToString(), "a vulnerability is an object"));
                continue;
            }

            Members(vulnerability, path, VulnerabilityMembers, problems);
            if (vulnerability.TryGetProperty("product_status"u8, out var status))
            {
                if (status.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new("schema", $"{path}/product_status", "must be an object"));
                }
                else
                {
                    var statusPath = path.Member("product_status");
                    Members(status, statusPath, StatusMembers, problems);
                    foreach (var group in status.EnumerateObject())
                    {
                        if (!IsStringArray(group.Value))
                        {
                            problems.Add(new("schema", $"{statusPath}/{group.Name}", "must be an array of strings"));
                        }
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
                if (!score.TryGetProperty("products"u8, out var products))
                {
                    problems.Add(new("schema", $"{here}/products", "required array is missing"));
                }
                else if (!IsStringArray(products))
                {
                    problems.Add(new("schema", $"{here}/products", "must be an array of strings"));
                }
            }
        }
    }

    // The object items of the array member name of parent (at path); anything else there is a problem.
    private static IEnumerable<(JsonElement Item, JsonPath Path)> Items(JsonElement parent, JsonPath path, string name, List<CsafProblem> problems)
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
            var here = path.Item(name, i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("schema", here.ToString(), "must be an object"));
                continue;
            }

            yield return (item, here);
        }
    }

    private static bool IsStringArray(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }

    private static JsonElement? Object(JsonElement parent, JsonPath path, string name, List<CsafProblem> problems)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        problems.Add(new("schema", $"{path}/{name}", "required object is missing"));
        return null;
    }

    // Whether parent has the non-empty string member name; a problem if not.
    private static bool Text(JsonElement parent, JsonPath path, string name, List<CsafProblem> problems)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !value.ValueEquals(ReadOnlySpan<byte>.Empty))
        {
            return true;
        }

        problems.Add(new("schema", $"{path}/{name}", "required non-empty string is missing"));
        return false;
    }

    private static void Members(JsonElement element, JsonPath path, byte[][] allowed, List<CsafProblem> problems)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (!IsOneOf(CsafJson.Name(member), allowed))
            {
                problems.Add(new("schema", $"{path}/{member.Name}", "unknown member (the CSAF 2.0 schema does not allow it)"));
            }
        }
    }

    private static bool IsOneOf(ReadOnlySpan<byte> name, byte[][] names)
    {
        foreach (var candidate in names)
        {
            if (name.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[][] Utf8(params string[] names) => [.. names.Select(Encoding.UTF8.GetBytes)];
}
