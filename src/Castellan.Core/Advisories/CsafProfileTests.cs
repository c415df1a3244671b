using static Castellan.Core.Advisories.CsafJson;

namespace Castellan.Core.Advisories;

/// <summary>CSAF 2.0 §6.1.27: what each document category (profile, §4) requires beyond the schema.</summary>
internal static class CsafProfileTests
{
    private const string SecurityAdvisory = "csaf_security_advisory";
    private const string Vex = "csaf_vex";
    private const string IncidentResponse = "csaf_security_incident_response";
    private const string Informational = "csaf_informational_advisory";

    private static readonly string[] VexStatuses = ["fixed", "known_affected", "known_not_affected", "under_investigation"];

    // 6.1.27.1: incident response and informational advisories carry a note of category description, details, general or summary.
    public static void DocumentNotes(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category is IncidentResponse or Informational
            && !Items(facts.Document, "notes").Any(n => Text(n.Item, "category") is "description" or "details" or "general" or "summary"))
        {
            problems.Add(new("6.1.27.1", "/document/notes", "this profile needs a note of category description, details, general or summary"));
        }
    }

    // 6.1.27.2: the same profiles carry at least one external reference.
    public static void DocumentReferences(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category is IncidentResponse or Informational
            && !Items(facts.Document, "references").Any(r => Text(r.Item, "category") == "external"))
        {
            problems.Add(new("6.1.27.2", "/document/references", "this profile needs a reference of category external"));
        }
    }

    // 6.1.27.3: an informational advisory has no vulnerabilities.
    public static void NoVulnerabilities(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category == Informational && Has(facts.Root, "vulnerabilities"))
        {
            problems.Add(new("6.1.27.3", "/vulnerabilities", "an informational advisory has no vulnerabilities"));
        }
    }

    // 6.1.27.4: security advisories and VEX documents have a product tree.
    public static void ProductTree(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category is SecurityAdvisory or Vex && !Has(facts.Root, "product_tree"))
        {
            problems.Add(new("6.1.27.4", "/product_tree", "this profile needs a product tree"));
        }
    }

    // 6.1.27.5: every vulnerability of those profiles has notes.
    public static void VulnerabilityNotes(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category is SecurityAdvisory or Vex)
        {
            foreach (var vulnerability in facts.Vulnerabilities)
            {
                if (!vulnerability.Has("notes"))
                {
                    problems.Add(new("6.1.27.5", $"{vulnerability.Path}/notes", "this profile needs notes on every vulnerability"));
                }
            }
        }
    }

    // 6.1.27.6: every vulnerability of a security advisory has a product status.
    public static void ProductStatus(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category == SecurityAdvisory)
        {
            foreach (var vulnerability in facts.Vulnerabilities)
            {
                if (!vulnerability.Has("product_status"))
                {
                    problems.Add(new("6.1.27.6", $"{vulnerability.Path}/product_status", "a security advisory gives the product status of every vulnerability"));
                }
            }
        }
    }

    // 6.1.27.7: every VEX vulnerability has fixed, known_affected, known_not_affected or under_investigation.
    public static void VexProductStatus(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category != Vex)
        {
            return;
        }

        foreach (var vulnerability in facts.Vulnerabilities)
        {
            var status = vulnerability.Member("product_status");
            if (!VexStatuses.Any(g => Has(status, g)))
            {
                problems.Add(new("6.1.27.7", $"{vulnerability.Path}/product_status", "a VEX vulnerability names fixed, known_affected, known_not_affected or under_investigation products"));
            }
        }
    }

    // 6.1.27.8: every VEX vulnerability has a cve or ids.
    public static void VulnerabilityId(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category != Vex)
        {
            return;
        }

        foreach (var vulnerability in facts.Vulnerabilities)
        {
            if (!vulnerability.Has("cve") && !vulnerability.Has("ids"))
            {
                problems.Add(new("6.1.27.8", vulnerability.Path.ToString(), "a VEX vulnerability has a cve or ids"));
            }
        }
    }

    // 6.1.27.9: every known_not_affected product of a VEX document has an impact statement (a flag, or a threat of category impact).
    public static void ImpactStatement(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category != Vex)
        {
            return;
        }

        foreach (var vulnerability in facts.Vulnerabilities)
        {
            var covered = Covered(vulnerability, "flags", facts.Groups, _ => true);
            covered.UnionWith(Covered(vulnerability, "threats", facts.Groups, t => Text(t, "category") == "impact"));
            foreach (var (id, at) in Strings(vulnerability.Member("product_status"), "known_not_affected"))
            {
                if (!covered.Contains(id))
                {
                    problems.Add(new("6.1.27.9", $"{vulnerability.Path}/product_status/known_not_affected/{at}", $"known_not_affected product '{id}' has no impact statement (flag or impact threat)"));
                }
            }
        }
    }

    // 6.1.27.10: every known_affected product of a VEX document has an action statement (a remediation).
    public static void ActionStatement(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category != Vex)
        {
            return;
        }

        foreach (var vulnerability in facts.Vulnerabilities)
        {
            var covered = Covered(vulnerability, "remediations", facts.Groups, _ => true);
            foreach (var (id, at) in Strings(vulnerability.Member("product_status"), "known_affected"))
            {
                if (!covered.Contains(id))
                {
                    problems.Add(new("6.1.27.10", $"{vulnerability.Path}/product_status/known_affected/{at}", $"known_affected product '{id}' has no action statement (remediation)"));
                }
            }
        }
    }

    // 6.1.27.11: security advisories and VEX documents have vulnerabilities.
    public static void Vulnerabilities(CsafFacts facts, List<CsafProblem> problems)
    {
        if (facts.Category is SecurityAdvisory or Vex && !Has(facts.Root, "vulnerabilities"))
        {
            problems.Add(new("6.1.27.11", "/vulnerabilities", "this profile needs vulnerabilities"));
        }
    }

    private static HashSet<string> Covered(CsafVulnerability vulnerability, string list, Dictionary<string, List<string>> groups, Func<CsafNode, bool> counts)
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, _) in Items(vulnerability.Member(list)))
        {
            if (!counts(item))
            {
                continue;
            }

            covered.UnionWith(Strings(item, "product_ids").Select(s => s.Value));
            foreach (var (group, _) in Strings(item, "group_ids"))
            {
                covered.UnionWith(groups.GetValueOrDefault(group) ?? []);
            }
        }

        return covered;
    }
}
