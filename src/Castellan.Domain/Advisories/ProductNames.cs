using System.Text.RegularExpressions;

namespace Castellan.Domain.Advisories;

/// <summary>A model as matching sees it: its words ("1756-ENBT"), and the hardware series when one is named ("A").</summary>
public sealed record ModelKey(IReadOnlyList<string> Tokens, string? Series);

/// <summary>
/// How vendor names and model numbers are compared. Vendors: case, punctuation, legal forms and parenthesised
/// abbreviations do not count, a brand after "/" or "," is the vendor before it ("Rockwell Automation/Allen-Bradley"
/// is Rockwell Automation), and known brands map to their owner (Allen-Bradley → Rockwell Automation). Models:
/// words in upper case; a trailing "/A" on a catalogue number or a "Series A" phrase is the hardware series.
/// </summary>
public static partial class ProductNames
{
    private static readonly Dictionary<string, string> Brands = new(StringComparer.Ordinal)
    {
        ["allen bradley"] = "rockwell automation",
        ["rockwell"] = "rockwell automation",
        ["telemecanique"] = "schneider electric",
        ["schneider"] = "schneider electric",
        ["modicon"] = "schneider electric",
        ["ge"] = "general electric",
        ["ge vernova"] = "general electric",
        ["ge digital"] = "general electric",
        ["osisoft"] = "aveva",
        ["wonderware"] = "aveva",
        ["3s smart software solutions"] = "codesys",
        ["innominate security"] = "phoenix contact",
        ["automation direct"] = "automationdirect",
    };

    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "inc", "llc", "ltd", "gmbh", "ag", "co", "kg", "corp", "corporation", "company", "sa", "se", "plc", "limited", "software", "technologies", "the",
    };

    private static readonly HashSet<string> NoiseWords = new(StringComparer.Ordinal)
    {
        "AND", "OR", "OF", "FOR", "THE", "ALL", "VERSIONS", "VERSION", "SERIES", "WITH", "INCL", "PRIOR", "TO", "-", "&",
    };

    /// <summary>The vendor key: "Rockwell Automation/Allen-Bradley", "Allen-Bradley" and "ROCKWELL AUTOMATION, Inc." all give "rockwell automation".</summary>
    public static string Vendor(string? vendor)
    {
        if (string.IsNullOrWhiteSpace(vendor))
        {
            return "";
        }

        var text = Parenthesised().Replace(vendor, " ");
        var cut = text.IndexOfAny(['/', ',']);
        if (cut > 0)
        {
            text = text[..cut];
        }

        var words = NonWord().Split(text.ToLowerInvariant()).Where(w => w.Length > 0).ToList();
        while (words.Count > 1 && LegalForms.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        var key = string.Join(' ', words);
        return Brands.TryGetValue(key, out var owner) ? owner : key;
    }

    /// <summary>"1756-ENBT/A" → [1756-ENBT] series A; "MicroLogix 1400 Controllers Series B" → [MICROLOGIX, 1400, CONTROLLERS] series B.</summary>
    public static ModelKey Model(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return new ModelKey([], null);
        }

        string? series = null;
        var text = model.ToUpperInvariant();
        var named = SeriesPhrase().Match(text);
        if (named.Success)
        {
            series = named.Groups["s"].Value;
            text = text.Remove(named.Index, named.Length);
        }

        var tokens = new List<string>();
        foreach (var raw in Separators().Split(text))
        {
            var token = raw.Trim('-', '.', '/', '*', ':');
            if (token.Length == 0 || NoiseWords.Contains(token))
            {
                continue;
            }

            var suffix = CatalogueSeries().Match(token);
            if (suffix.Success)
            {
                series ??= suffix.Groups["s"].Value;
                token = suffix.Groups["base"].Value;
            }

            if (!tokens.Contains(token))
            {
                tokens.Add(token);
            }
        }

        return new ModelKey(tokens, series);
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"[\s,;()\[\]""]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"\bSERIES\s+(?<s>[A-Z])\b")]
    private static partial Regex SeriesPhrase();

    // A catalogue number with a digit, then "/A": the hardware series (Rockwell writes 1756-ENBT/A).
    [GeneratedRegex(@"^(?<base>[A-Z0-9-]*[0-9][A-Z0-9-]*)/(?<s>[A-Z])$")]
    private static partial Regex CatalogueSeries();
}
