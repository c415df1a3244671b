using System.Text.Json;
using static Castellan.Core.Advisories.CsafMandatoryTests;

namespace Castellan.Core.Advisories;

/// <summary>CSAF 2.0 §6.1.27: what each document category (profile, §4) requires beyond the schema.</summary>
internal static class CsafProfileTests
{
    private const string SecurityAdvisory = "csaf_security_advisory";
    private const string Vex = "csaf_vex";
    private const string IncidentResponse = "csaf_security_incident_response";
    private const string Informational = "csaf_informational_advisory";

    private static readonly string[] VexStatuses = ["fixed", "known_affected", "known_not_affected", "under_investigation"];

    private static string? Category(JsonElement root) => Text(Member(root, "document"), "category");

    // 6.1.27.1: incident response and informational advisories carry a note of category description, details, general or summary.
    public static void DocumentNotes(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) is IncidentResponse or Informational
            && !Items(Member(root, "document"), "/document", "notes").Any(n => Text(n.Item, "category") is "description" or "details" or "general" or "summary"))
        {
            problems.Add(new("6.1.27.1", "/document/notes", "this profile needs a note of category description, details, general or summary"));
        }
    }

    // 6.1.27.2: the same profiles carry at least one external reference.
    public static void DocumentReferences(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) is IncidentResponse or Informational
            && !Items(Member(root, "document"), "/document", "references").Any(r => Text(r.Item, "category") == "external"))
        {
            problems.Add(new("6.1.27.2", "/document/references", "this profile needs a reference of category external"));
        }
    }

    // 6.1.27.3: an informational advisory has no vulnerabilities.
    public static void NoVulnerabilities(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) == Informational && Member(root, "vulnerabilities").ValueKind != JsonValueKind.Undefined)
        {
            problems.Add(new("6.1.27.3", "/vulnerabilities", "an informational advisory has no vulnerabilities"));
        }
    }

    // 6.1.27.4: security advisories and VEX documents have a product tree.
    public static void ProductTree(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) is SecurityAdvisory or Vex && Member(root, "product_tree").ValueKind == JsonValueKind.Undefined)
        {
            problems.Add(new("6.1.27.4", "/product_tree", "this profile needs a product tree"));
        }
    }

    // 6.1.27.5: every vulnerability of those profiles has notes.
    public static void VulnerabilityNotes(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) is SecurityAdvisory or Vex)
        {
            foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities").Where(v => Member(v.Item, "notes").ValueKind == JsonValueKind.Undefined))
            {
                problems.Add(new("6.1.27.5", path + "/notes", "this profile needs notes on every vulnerability"));
            }
        }
    }

    // 6.1.27.6: every vulnerability of a security advisory has a product status.
    public static void ProductStatus(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) == SecurityAdvisory)
        {
            foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities").Where(v => Member(v.Item, "product_status").ValueKind == JsonValueKind.Undefined))
            {
                problems.Add(new("6.1.27.6", path + "/product_status", "a security advisory gives the product status of every vulnerability"));
            }
        }
    }

    // 6.1.27.7: every VEX vulnerability has fixed, known_affected, known_not_affected or under_investigation.
    public static void VexProductStatus(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) != Vex)
        {
            return;
        }

        foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities"))
        {
            var status = Member(vulnerability, "product_status");
            if (!VexStatuses.Any(g => Member(status, g).ValueKind != JsonValueKind.Undefined))
            {
                problems.Add(new("6.1.27.7", path + "/product_status", "a VEX vulnerability names fixed, known_affected, known_not_affected or under_investigation products"));
            }
        }
    }

    // 6.1.27.8: every VEX vulnerability has a cve or ids.
    public static void VulnerabilityId(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) != Vex)
        {
            return;
        }

        foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities"))
        {
            if (Member(vulnerability, "cve").ValueKind == JsonValueKind.Undefined && Member(vulnerability, "ids").ValueKind == JsonValueKind.Undefined)
            {
                problems.Add(new("6.1.27.8", path, "a VEX vulnerability has a cve or ids"));
            }
        }
    }

    // 6.1.27.9: every known_not_affected product of a VEX document has an impact statement (a flag, or a threat of category impact).
    public static void ImpactStatement(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) != Vex)
        {
            return;
        }

        var groups = Groups(root);
        foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities"))
        {
            var covered = Covered(vulnerability, path, "flags", groups, _ => true);
            covered.UnionWith(Covered(vulnerability, path, "threats", groups, t => Text(t, "category") == "impact"));
            foreach (var (id, at) in Strings(Member(vulnerability, "product_status"), path + "/product_status", "known_not_affected"))
            {
                if (!covered.Contains(id))
                {
                    problems.Add(new("6.1.27.9", at, $"known_not_affected product '{id}' has no impact statement (flag or impact threat)"));
                }
            }
        }
    }

    // 6.1.27.10: every known_affected product of a VEX document has an action statement (a remediation).
    public static void ActionStatement(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) != Vex)
        {
            return;
        }

        var groups = Groups(root);
        foreach (var (vulnerability, path) in Items(root, "", "vulnerabilities"))
        {
            var covered = Covered(vulnerability, path, "remediations", groups, _ => true);
            foreach (var (id, at) in Strings(Member(vulnerability, "product_status"), path + "/product_status", "known_affected"))
            {
                if (!covered.Contains(id))
                {
                    problems.Add(new("6.1.27.10", at, $"known_affected product '{id}' has no action statement (remediation)"));
                }
            }
        }
    }

    // 6.1.27.11: security advisories and VEX documents have vulnerabilities.
    public static void Vulnerabilities(JsonElement root, List<CsafProblem> problems)
    {
        if (Category(root) is SecurityAdvisory or Vex && Member(root, "vulnerabilities").ValueKind == JsonValueKind.Undefined)
        {
            problems.Add(new("6.1.27.11", "/vulnerabilities", "this profile needs vulnerabilities"));
        }
    }

    private static Dictionary<string, List<string>> Groups(JsonElement root)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (group, path) in Items(Member(root, "product_tree"), "/product_tree", "product_groups"))
        {
            if (Text(group, "group_id") is { } id)
            {
                groups[id] = [.. Strings(group, path, "product_ids").Select(s => s.Value)];
            }
        }

        return groups;
    }

    private static HashSet<string> Covered(JsonElement vulnerability, string path, string list, Dictionary<string, List<string>> groups, Func<JsonElement, bool> counts)
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, here) in Items(vulnerability, path, list).Where(i => counts(i.Item)))
        {
            covered.UnionWith(Strings(item, here, "product_ids").Select(s => s.Value));
            foreach (var (group, _) in Strings(item, here, "group_ids"))
            {
                covered.UnionWith(groups.GetValueOrDefault(group) ?? []);
            }
        }

        return covered;
    }
}
