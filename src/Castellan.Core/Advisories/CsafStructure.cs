using System.Text.Json;

namespace Castellan.Core.Advisories;

/// <summary>
/// The parts of the CSAF 2.0 JSON schema (csaf_json_schema.json) Castellan relies on, checked in code so that the
/// binary ships no schema file: the document's category, version, publisher and tracking; product tree branches,
/// products and relationships; vulnerabilities with their product status, scores and remediations. Unknown members
/// are refused where the schema forbids them (top level, document, tracking, product tree, vulnerability).
/// Paths are formatted only for a problem (<see cref="JsonPath"/>).
/// </summary>
internal static class CsafStructure
{
    private static readonly string[] TopLevel = ["document", "product_tree", "vulnerabilities"];

    private static readonly string[] DocumentMembers =
        ["acknowledgments", "aggregate_severity", "category", "csaf_version", "distribution", "lang", "notes", "publisher", "references", "source_lang", "title", "tracking"];

    private static readonly string[] TrackingMembers =
        ["aliases", "current_release_date", "generator", "id", "initial_release_date", "revision_history", "status", "version"];

    private static readonly string[] ProductTreeMembers = ["branches", "full_product_names", "product_groups", "relationships"];

    private static readonly string[] VulnerabilityMembers =
        ["acknowledgments", "cve", "cwe", "discovery_date", "flags", "ids", "involvements", "notes", "product_status", "references", "release_date", "remediations", "scores", "threats", "title"];

    private static readonly string[] StatusMembers =
        ["first_affected", "first_fixed", "fixed", "known_affected", "known_not_affected", "last_affected", "recommended", "under_investigation"];

    public static void Check(CsafNode root, List<CsafProblem> problems)
    {
        if (root.Kind != JsonValueKind.Object)
        {
            problems.Add(new("schema", "/", "a CSAF document is a JSON object"));
            return;
        }

        Members(root, JsonPath.Root, TopLevel, problems);
        if (root.Member("document") is not { Kind: JsonValueKind.Object } document)
        {
            problems.Add(new("schema", "/document", "required object is missing"));
            return;
        }

        var documentPath = JsonPath.Root.Member("document");
        Members(document, documentPath, DocumentMembers, problems);
        Text(document, documentPath, "category", problems);
        if (Text(document, documentPath, "csaf_version", problems) && document.Member("csaf_version")!.Text is var version and not "2.0")
        {
            problems.Add(new("schema", "/document/csaf_version", $"'{version}' is not 2.0"));
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

            if (tracking.Member("revision_history") is not { Kind: JsonValueKind.Array, Count: > 0 })
            {
                problems.Add(new("schema", "/document/tracking/revision_history", "required: at least one revision"));
            }

            foreach (var field in (string[])["current_release_date", "initial_release_date"])
            {
                if (tracking.Member(field) is { Kind: JsonValueKind.String, Text: { } date } && !CsafJson.TryParseDate(date, out _))
                {
                    problems.Add(new("schema", $"/document/tracking/{field}", $"'{date}' is not a date-time"));
                }
            }
        }

        if (root.Member("product_tree") is { } tree)
        {
            ProductTree(tree, problems);
        }

        if (root.Member("vulnerabilities") is { } vulnerabilities)
        {
            Vulnerabilities(vulnerabilities, problems);
        }
    }

    private static void ProductTree(CsafNode tree, List<CsafProblem> problems)
    {
        if (tree.Kind != JsonValueKind.Object)
        {
            problems.Add(new("schema", "/product_tree", "must be an object"));
            return;
        }

        var treePath = JsonPath.Root.Member("product_tree");
        Members(tree, treePath, ProductTreeMembers, problems);
        if (tree.Member("branches") is { } branches)
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
    private static void Branches(CsafNode branches, JsonPath owner, List<CsafProblem> problems)
    {
        if (branches.Kind != JsonValueKind.Array)
        {
            problems.Add(new("schema", $"{owner}/branches", "must be an array"));
            return;
        }

        var i = 0;
        foreach (var branch in branches.Values)
        {
            var here = owner.Item("branches", i++);
            if (branch.Kind != JsonValueKind.Object)
            {
                problems.Add(new("schema", here.ToString(), "a branch is an object"));
                continue;
            }

            Text(branch, here, "category", problems);
            Text(branch, here, "name", problems);
            var product = branch.Member("product");
            var children = branch.Member("branches");
            if ((product is null) == (children is null))
            {
                problems.Add(new("schema", here.ToString(), "a branch has either 'branches' or 'product'"));
            }

            if (product is not null)
            {
                FullProductName(product, here.Member("product"), problems);
            }

            if (children is not null)
            {
                Branches(children, here, problems);
            }
        }
    }

    private static void FullProductName(CsafNode product, JsonPath path, List<CsafProblem> problems)
    {
        if (product.Kind != JsonValueKind.Object)
        {
            problems.Add(new("schema", path.ToString(), "a product is an object"));
            return;
        }

        Text(product, path, "name", problems);
        Text(product, path, "product_id", problems);
    }

    private static void Vulnerabilities(CsafNode vulnerabilities, List<CsafProblem> problems)
    {
        if (vulnerabilities.Kind != JsonValueKind.Array)
        {
            problems.Add(new("schema", "/vulnerabilities", "must be an array"));
            return;
        }

        var i = 0;
        foreach (var vulnerability in vulnerabilities.Values)
        {
            var path = JsonPath.Root.Item("vulnerabilities", i++);
            if (vulnerability.Kind != JsonValueKind.Object)
            {
                problems.Add(new("schema", path.ToString(), "a vulnerability is an object"));
                continue;
            }

            Members(vulnerability, path, VulnerabilityMembers, problems);
            if (vulnerability.Member("product_status") is { } status)
            {
                if (status.Kind != JsonValueKind.Object)
                {
                    problems.Add(new("schema", $"{path}/product_status", "must be an object"));
                }
                else
                {
                    var statusPath = path.Member("product_status");
                    Members(status, statusPath, StatusMembers, problems);
                    foreach (var group in status.Values)
                    {
                        if (!IsStringArray(group))
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
                if (score.Member("products") is not { } products)
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
    private static IEnumerable<(CsafNode Item, JsonPath Path)> Items(CsafNode parent, JsonPath path, string name, List<CsafProblem> problems)
    {
        if (parent.Member(name) is not { } array)
        {
            yield break;
        }

        if (array.Kind != JsonValueKind.Array)
        {
            problems.Add(new("schema", $"{path}/{name}", "must be an array"));
            yield break;
        }

        var i = 0;
        foreach (var item in array.Values)
        {
            var here = path.Item(name, i++);
            if (item.Kind != JsonValueKind.Object)
            {
                problems.Add(new("schema", here.ToString(), "must be an object"));
                continue;
            }

            yield return (item, here);
        }
    }

    private static bool IsStringArray(CsafNode array)
    {
        if (array.Kind != JsonValueKind.Array)
        {
            return false;
        }

        if (array.StringItems is { } ids)
        {
            return System.Array.IndexOf(ids, null) < 0;
        }

        foreach (var item in array.Values)
        {
            if (item.Kind != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }

    private static CsafNode? Object(CsafNode parent, JsonPath path, string name, List<CsafProblem> problems)
    {
        if (parent.Member(name) is { Kind: JsonValueKind.Object } value)
        {
            return value;
        }

        problems.Add(new("schema", $"{path}/{name}", "required object is missing"));
        return null;
    }

    // Whether parent has the non-empty string member name; a problem if not.
    private static bool Text(CsafNode parent, JsonPath path, string name, List<CsafProblem> problems)
    {
        if (parent.Member(name) is { IsNonEmptyString: true })
        {
            return true;
        }

        problems.Add(new("schema", $"{path}/{name}", "required non-empty string is missing"));
        return false;
    }

    private static void Members(CsafNode node, JsonPath path, string[] allowed, List<CsafProblem> problems)
    {
        foreach (var member in node.Values)
        {
            if (Array.IndexOf(allowed, member.Name) < 0)
            {
                problems.Add(new("schema", $"{path}/{member.Name}", "unknown member (the CSAF 2.0 schema does not allow it)"));
            }
        }
    }
}
