using System.Text;

namespace Castellan.Core.Soa;

/// <summary>The columns an SoA spreadsheet is read for. <see cref="Title"/> is recognised so it is not reported as unknown, then ignored.</summary>
internal enum SoaField
{
    Control,
    Title,
    Applicable,
    Justification,
    Implementation,
    Owner,
    Evidence,
    Notes,
}

/// <summary>
/// Recognises the header names people give SoA columns: case, punctuation and spacing do not matter
/// ("Control No." = "control no", "Applicable?" = "applicable").
/// </summary>
internal static class SoaColumns
{
    private static readonly Dictionary<string, SoaField> Names = Build(
        (SoaField.Control, ["control", "control no", "control number", "control id", "control ref", "control reference", "control #",
            "ref", "ref no", "reference", "reference no", "annex a", "annex a control", "annex a ref", "annex a reference", "iso control",
            "iso 27001 control", "clause", "id", "#", "no", "nr", "number"]),
        (SoaField.Title, ["title", "control title", "name", "control name", "description", "control description", "control objective",
            "control text", "requirement", "control requirement"]),
        (SoaField.Applicable, ["applicable", "applicability", "included", "include", "inclusion", "in scope", "selected",
            "applies", "is applicable", "control applicable"]),
        (SoaField.Justification, ["justification", "reason", "reasons", "rationale", "justification for inclusion exclusion",
            "justification for inclusion or exclusion", "reason for inclusion exclusion", "reason for inclusion or exclusion",
            "justification for inclusion", "justification for exclusion", "reason for selection", "reason for exclusion"]),
        (SoaField.Implementation, ["status", "implementation status", "implemented", "implementation", "control status",
            "implementation state", "current status", "state", "implementation level"]),
        (SoaField.Owner, ["owner", "control owner", "responsible", "responsibility", "responsible person", "accountable", "owner role"]),
        (SoaField.Evidence, ["evidence", "reference documents", "documents", "documentation", "related documents", "supporting documents",
            "document reference", "document references", "evidence reference", "evidence of implementation"]),
        (SoaField.Notes, ["notes", "note", "comments", "comment", "remarks", "remark", "additional notes", "additional comments"]));

    /// <summary>The field a header cell names, or null.</summary>
    public static SoaField? Recognise(string header)
    {
        var name = Normalise(header);
        if (name.Length == 0)
        {
            return null;
        }

        if (Names.TryGetValue(name, out var field))
        {
            return field;
        }

        // Longer names that still say what they are: "Applicable (Y/N)", "Justification for inclusion / exclusion (6.1.3 d)".
        return name switch
        {
            _ when name.StartsWith("applicab", StringComparison.Ordinal) => SoaField.Applicable,
            _ when name.Contains("justif", StringComparison.Ordinal) || name.Contains("rationale", StringComparison.Ordinal) => SoaField.Justification,
            _ when name.Contains("owner", StringComparison.Ordinal) || name.Contains("responsib", StringComparison.Ordinal) => SoaField.Owner,
            _ when name.Contains("implement", StringComparison.Ordinal) || HasWord(name, "status") => SoaField.Implementation,
            _ when name.Contains("evidence", StringComparison.Ordinal) => SoaField.Evidence,
            _ when HasWord(name, "notes") || HasWord(name, "comments") || HasWord(name, "remarks") => SoaField.Notes,
            _ when name.StartsWith("annex a", StringComparison.Ordinal) || name.EndsWith(" control id", StringComparison.Ordinal) => SoaField.Control,
            _ => null,
        };
    }

    /// <summary>
    /// How well a row reads as the header: 0 unless it names a control column and at least one other known column,
    /// else the number of distinct fields it names.
    /// </summary>
    public static int HeaderScore(IReadOnlyList<string> cells)
    {
        var fields = cells.Select(Recognise).OfType<SoaField>().Distinct().ToList();
        return fields.Contains(SoaField.Control) && fields.Count >= 2 ? fields.Count : 0;
    }

    /// <summary>Lower case, letters, digits and '#' only, single spaces: "  Control No. " → "control no".</summary>
    private static string Normalise(string header)
    {
        var text = new StringBuilder(header.Length);
        foreach (var c in header.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c == '#')
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
        }

        return text.ToString().TrimEnd();
    }

    private static bool HasWord(string name, string word) => $" {name} ".Contains($" {word} ", StringComparison.Ordinal);

    private static Dictionary<string, SoaField> Build(params (SoaField Field, string[] Names)[] groups) =>
        groups.SelectMany(g => g.Names.Select(n => (n, g.Field))).ToDictionary(p => p.n, p => p.Field, StringComparer.Ordinal);
}
