using System.Globalization;
using System.Text.RegularExpressions;
using Castellan.Domain.Soa;

namespace Castellan.Core.Soa;

/// <summary>An Annex A number as written in the file, normalised: "A.5.15" (2 parts, 2022) or "A.9.2.1" (3 parts, 2013).</summary>
internal readonly record struct AnnexNumber(string Id, int Parts);

/// <summary>Reads the values people type in SoA cells: control numbers, yes/no in many spellings, implementation states.</summary>
internal static partial class SoaValues
{
    private static readonly (string Phrase, bool Applicable)[] ApplicablePhrases = Longest(
        ("yes", true), ("y", true), ("true", true), ("applicable", true), ("included", true), ("include", true), ("in scope", true),
        ("selected", true), ("required", true),
        ("no", false), ("n", false), ("false", false), ("not applicable", false), ("n/a", false), ("na", false), ("excluded", false),
        ("exclude", false), ("not included", false), ("out of scope", false), ("not selected", false), ("not required", false));

    private static readonly (string Phrase, ImplementationStatus Status)[] StatusPhrases = Longest(
        ("implemented", ImplementationStatus.Implemented), ("fully implemented", ImplementationStatus.Implemented),
        ("yes", ImplementationStatus.Implemented), ("y", ImplementationStatus.Implemented), ("done", ImplementationStatus.Implemented),
        ("complete", ImplementationStatus.Implemented), ("completed", ImplementationStatus.Implemented),
        ("in place", ImplementationStatus.Implemented), ("in operation", ImplementationStatus.Implemented),
        ("operational", ImplementationStatus.Implemented), ("full", ImplementationStatus.Implemented),
        ("fully", ImplementationStatus.Implemented), ("true", ImplementationStatus.Implemented),
        ("partial", ImplementationStatus.PartiallyImplemented), ("partially", ImplementationStatus.PartiallyImplemented),
        ("partly", ImplementationStatus.PartiallyImplemented), ("partially implemented", ImplementationStatus.PartiallyImplemented),
        ("partly implemented", ImplementationStatus.PartiallyImplemented), ("in progress", ImplementationStatus.PartiallyImplemented),
        ("ongoing", ImplementationStatus.PartiallyImplemented), ("in implementation", ImplementationStatus.PartiallyImplemented),
        ("being implemented", ImplementationStatus.PartiallyImplemented),
        ("planned", ImplementationStatus.Planned), ("to do", ImplementationStatus.Planned), ("todo", ImplementationStatus.Planned),
        ("scheduled", ImplementationStatus.Planned),
        ("no", ImplementationStatus.NotImplemented), ("n", ImplementationStatus.NotImplemented),
        ("not implemented", ImplementationStatus.NotImplemented), ("none", ImplementationStatus.NotImplemented),
        ("not started", ImplementationStatus.NotImplemented), ("not yet implemented", ImplementationStatus.NotImplemented), ("not in place", ImplementationStatus.NotImplemented),
        ("false", ImplementationStatus.NotImplemented), ("missing", ImplementationStatus.NotImplemented));

    /// <summary>
    /// "A.5.15", "5.15", "A 5.15", "A5.15", "Annex A 5.15", "A.05.15", each possibly followed by the title
    /// ("A.5.15 Access control"). Null when the cell does not start with an Annex A number; a single part ("A.5") is a heading.
    /// </summary>
    public static AnnexNumber? ParseControlId(string cell)
    {
        var match = ControlIdPattern().Match(Clean(cell));
        if (!match.Success)
        {
            return null;
        }

        var parts = match.Groups["number"].Value.Split('.', StringSplitOptions.TrimEntries)
            .Select(p => int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        return new AnnexNumber("A." + string.Join('.', parts), parts.Length);
    }

    /// <summary>Yes/no in the spellings spreadsheets use ("Yes - required", "N/A", "✓", "-"); null when not recognised. Empty is not handled here.</summary>
    public static bool? ParseApplicable(string cell)
    {
        var text = Clean(cell).ToLowerInvariant().TrimEnd('.', '!', '?');
        return text switch
        {
            "1" or "x" or "✓" or "✔" or "☑" or "✅" => true,
            "0" or "-" or "–" or "—" or "✗" or "✘" or "×" => false,
            _ => Match(text, ApplicablePhrases),
        };
    }

    /// <summary>An implementation state ("Fully implemented", "in progress", "partially-implemented"); empty means not implemented; null when not recognised.</summary>
    public static ImplementationStatus? ParseImplementation(string cell)
    {
        var text = Clean(cell).ToLowerInvariant().Replace('_', ' ').TrimEnd('.', '!', '?');
        if (text is "✓" or "✔" or "x")
        {
            return ImplementationStatus.Implemented;
        }

        text = MultipleSpaces().Replace(text.Replace('-', ' '), " ").Trim();
        return text.Length == 0 ? ImplementationStatus.NotImplemented : Match(text, StatusPhrases);
    }

    /// <summary>A cell as text: trimmed, no-break spaces as spaces, formula escaping undone; null when empty.</summary>
    public static string? Text(string? cell)
    {
        var text = cell is null ? "" : Common.SpreadsheetCells.Unescape(Clean(cell));
        return text.Length == 0 ? null : text;
    }

    private static string Clean(string cell) => cell.Replace('\u00A0', ' ').Trim();

    /// <summary>The phrase the text is, or starts with followed by a non-letter ("yes - required", "implemented (2023)").</summary>
    private static T? Match<T>(string text, (string Phrase, T Value)[] phrases)
        where T : struct
    {
        foreach (var (phrase, value) in phrases)
        {
            if (text.StartsWith(phrase, StringComparison.Ordinal) && (text.Length == phrase.Length || !char.IsLetterOrDigit(text[phrase.Length])))
            {
                return value;
            }
        }

        return null;
    }

    private static (string, T)[] Longest<T>(params (string Phrase, T Value)[] phrases) =>
        [.. phrases.OrderByDescending(p => p.Phrase.Length)];

    [GeneratedRegex(@"^(?:control\s*)?(?:annex\s*)?(?:a\s*[.:\-]?\s*)?(?<number>\d{1,2}(?:\s*\.\s*\d{1,2}){0,2})(?!\d)(?!\s*\.\s*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ControlIdPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultipleSpaces();
}
