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
/// <remarks>
/// Every `castellan gap` and `castellan soa` run reads a sheet in a fresh process, so this avoids generic collections and
/// LINQ keyed by <see cref="SoaField"/>: ReadyToRun cannot precompile the framework's code for a value type of ours, and
/// compiling it at run time cost more than reading the file.
/// </remarks>
internal static class SoaColumns
{
    /// <summary>The field a header cell names, or null.</summary>
    public static SoaField? Recognise(string header)
    {
        var name = Normalise(header);
        if (name.Length == 0)
        {
            return null;
        }

        if (Named(name) is { } field)
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
        // A bit per field named: a plain loop, no generic collection over the enum (each would be compiled at run time).
        var named = 0;
        foreach (var cell in cells)
        {
            if (Recognise(cell) is { } field)
            {
                named |= 1 << (int)field;
            }
        }

        var count = System.Numerics.BitOperations.PopCount((uint)named);
        return (named & (1 << (int)SoaField.Control)) != 0 && count >= 2 ? count : 0;
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

    /// <summary>The usual names, normalised.</summary>
    private static SoaField? Named(string name) => name switch
    {
        "control" or "control no" or "control number" or "control id" or "control ref" or "control reference" or "control #"
            or "ref" or "ref no" or "reference" or "reference no" or "annex a" or "annex a control" or "annex a ref" or "annex a reference"
            or "iso control" or "iso 27001 control" or "clause" or "id" or "#" or "no" or "nr" or "number" => SoaField.Control,
        "title" or "control title" or "name" or "control name" or "description" or "control description" or "control objective"
            or "control text" or "requirement" or "control requirement" => SoaField.Title,
        "applicable" or "applicability" or "included" or "include" or "inclusion" or "in scope" or "selected"
            or "applies" or "is applicable" or "control applicable" => SoaField.Applicable,
        "justification" or "reason" or "reasons" or "rationale" or "justification for inclusion exclusion"
            or "justification for inclusion or exclusion" or "reason for inclusion exclusion" or "reason for inclusion or exclusion"
            or "justification for inclusion" or "justification for exclusion" or "reason for selection" or "reason for exclusion" => SoaField.Justification,
        "status" or "implementation status" or "implemented" or "implementation" or "control status"
            or "implementation state" or "current status" or "state" or "implementation level" => SoaField.Implementation,
        "owner" or "control owner" or "responsible" or "responsibility" or "responsible person" or "accountable" or "owner role" => SoaField.Owner,
        "evidence" or "reference documents" or "documents" or "documentation" or "related documents" or "supporting documents"
            or "document reference" or "document references" or "evidence reference" or "evidence of implementation" => SoaField.Evidence,
        "notes" or "note" or "comments" or "comment" or "remarks" or "remark" or "additional notes" or "additional comments" => SoaField.Notes,
        _ => null,
    };
}
