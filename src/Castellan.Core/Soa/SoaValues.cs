using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Castellan.Domain.Soa;

namespace Castellan.Core.Soa;

/// <summary>An Annex A number as written in the file, normalised: "A.5.15" (2 parts, 2022) or "A.9.2.1" (3 parts, 2013).</summary>
internal sealed record AnnexNumber(string Id, int Parts);

/// <summary>Reads the values people type in SoA cells: control numbers, yes/no in many spellings, implementation states.</summary>
internal static partial class SoaValues
{
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

        var parts = match.Groups["number"].Value.Split('.', StringSplitOptions.TrimEntries);
        var id = new StringBuilder("A");
        foreach (var part in parts)
        {
            id.Append('.').Append(int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        }

        return new AnnexNumber(id.ToString(), parts.Length);
    }

    /// <summary>Yes/no in the spellings spreadsheets use ("Yes - required", "N/A", "✓", "-"); null when not recognised. Empty is not handled here.</summary>
    public static bool? ParseApplicable(string cell)
    {
        var text = Clean(cell).ToLowerInvariant().TrimEnd('.', '!', '?');
        return text switch
        {
            "1" or "x" or "✓" or "✔" or "☑" or "✅" => true,
            "0" or "-" or "–" or "—" or "✗" or "✘" or "×" => false,
            _ => ApplicableAtStart(text),
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

        text = SingleSpaces(text.Replace('-', ' '));
        return text.Length == 0 ? ImplementationStatus.NotImplemented : StatusAtStart(text);
    }

    /// <summary>A cell as text: trimmed, no-break spaces as spaces, formula escaping undone; null when empty.</summary>
    public static string? Text(string? cell)
    {
        var text = cell is null ? "" : Common.SpreadsheetCells.Unescape(Clean(cell));
        return text.Length == 0 ? null : text;
    }

    private static string Clean(string cell) => cell.Replace('\u00A0', ' ').Trim();

    /// <summary>The longest phrase the text is, or starts with followed by a non-letter ("yes - required").</summary>
    private static bool? ApplicableAtStart(string text)
    {
        foreach (var prefix in WordPrefixes(text))
        {
            if (ApplicablePhrase(prefix) is { } applicable)
            {
                return applicable;
            }
        }

        return null;
    }

    /// <summary>The longest phrase the text is, or starts with followed by a non-letter ("implemented (2023)").</summary>
    private static ImplementationStatus? StatusAtStart(string text)
    {
        foreach (var prefix in WordPrefixes(text))
        {
            if (StatusPhrase(prefix) is { } status)
            {
                return status;
            }
        }

        return null;
    }

    /// <summary>The text and each of its prefixes that ends before a non-letter, longest first.</summary>
    private static IEnumerable<string> WordPrefixes(string text)
    {
        for (var length = text.Length; length > 0; length--)
        {
            if (length == text.Length || !char.IsLetterOrDigit(text[length]))
            {
                yield return text[..length];
            }
        }
    }

    private static bool? ApplicablePhrase(string phrase) => phrase switch
    {
        "yes" or "y" or "true" or "applicable" or "included" or "include" or "in scope" or "selected" or "required" => true,
        "no" or "n" or "false" or "not applicable" or "n/a" or "na" or "excluded" or "exclude" or "not included" or "out of scope"
            or "not selected" or "not required" => false,
        _ => null,
    };

    private static ImplementationStatus? StatusPhrase(string phrase) => phrase switch
    {
        "implemented" or "fully implemented" or "yes" or "y" or "done" or "complete" or "completed" or "in place" or "in operation"
            or "operational" or "full" or "fully" or "true" => ImplementationStatus.Implemented,
        "partial" or "partially" or "partly" or "partially implemented" or "partly implemented" or "in progress" or "ongoing"
            or "in implementation" or "being implemented" => ImplementationStatus.PartiallyImplemented,
        "planned" or "to do" or "todo" or "scheduled" => ImplementationStatus.Planned,
        "no" or "n" or "not implemented" or "none" or "not started" or "not yet implemented" or "not in place" or "false"
            or "missing" => ImplementationStatus.NotImplemented,
        _ => null,
    };

    /// <summary>Runs of white space as one space, trimmed (a loop: Regex.Replace compiles generic code at run time).</summary>
    private static string SingleSpaces(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                result.Append(c);
            }
            else if (result.Length > 0 && result[^1] != ' ')
            {
                result.Append(' ');
            }
        }

        return result.ToString().TrimEnd();
    }

    [GeneratedRegex(@"^(?:control\s*)?(?:annex\s*)?(?:a\s*[.:\-]?\s*)?(?<number>\d{1,2}(?:\s*\.\s*\d{1,2}){0,2})(?!\d)(?!\s*\.\s*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ControlIdPattern();
}
