using System.Text;

namespace Castellan.Core.Common.Tables;

/// <summary>
/// RFC 4180 CSV as spreadsheets write it: quoted fields with embedded separators, quotes ("") and line breaks;
/// CRLF, LF or CR line ends; UTF-8 with or without BOM, or UTF-16 with BOM. The separator (, ; tab |) is the one
/// under which a header row is recognised; Excel's "sep=;" first line is honoured.
/// </summary>
internal static class CsvTable
{
    private const int HeaderSearchRows = 20;

    /// <summary>The separators tried, in order of preference on a tie (a string: its search needs no generic code compiled at run time).</summary>
    private const string Separators = ",;\t|";

    /// <summary>The rows of the file; <paramref name="headerScore"/> tells how well a row reads as an SoA header (0: not one).</summary>
    public static (IReadOnlyList<SheetRow> Rows, string? Warning) Read(string file, byte[] content, Func<IReadOnlyList<string>, int> headerScore)
    {
        var (text, warning) = Decode(file, content);
        var separator = SeparatorHint(text) ?? DetectSeparator(file, text, headerScore);
        var rows = new List<SheetRow>();
        foreach (var row in Parse(file, text, separator))
        {
            if (row.Number > SheetLimits.MaxRows)
            {
                throw InputException.At(file, null, $"more than {SheetLimits.MaxRows:N0} rows, the limit for one file");
            }

            rows.Add(row);
        }

        if (SeparatorHint(text) is not null)
        {
            rows.RemoveAt(0);
        }

        return (rows, warning);
    }

    public static IEnumerable<SheetRow> Parse(string file, string text, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var number = 1;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i = ReadQuoted(file, text, i + 1, number, field);
            }

            // Text after a closing quote, or an unquoted field: taken literally up to the separator or line end.
            while (i < text.Length && text[i] != separator && text[i] != '\r' && text[i] != '\n')
            {
                field.Append(text[i++]);
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length)
            {
                break;
            }

            if (text[i] == separator)
            {
                i++;
                if (i == text.Length)
                {
                    fields.Add("");
                }

                continue;
            }

            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            yield return new SheetRow(number++, [.. fields]);
            fields.Clear();
        }

        if (fields.Count > 0)
        {
            yield return new SheetRow(number, [.. fields]);
        }
    }

    /// <summary>Reads a quoted field's content from just after its opening quote; returns the index after the closing quote.</summary>
    private static int ReadQuoted(string file, string text, int i, int row, StringBuilder field)
    {
        while (i < text.Length)
        {
            if (text[i] != '"')
            {
                field.Append(text[i++]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i += 2;
            }
            else
            {
                return i + 1;
            }
        }

        throw InputException.At(file, row, "a quoted field (starting with \") is never closed; the rest of the file would be one cell");
    }

    private static (string Text, string? Warning) Decode(string file, byte[] content)
    {
        ReadOnlySpan<byte> bytes = content;
        string text;
        string? warning = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = Strict(file, new UTF8Encoding(false, true), content, 3);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Strict(file, new UnicodeEncoding(false, false, true), content, 2);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Strict(file, new UnicodeEncoding(true, false, true), content, 2);
        }
        else
        {
            RefuseKnownBinary(file, bytes);
            try
            {
                text = new UTF8Encoding(false, true).GetString(content);
            }
            catch (DecoderFallbackException)
            {
                // Excel's plain "CSV" (not "CSV UTF-8") is written in the Windows code page.
                text = (CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1).GetString(content);
                warning = "the file is not UTF-8; it was read as Windows-1252 (save as \"CSV UTF-8\" to avoid this)";
            }
        }

        if (LooksBinary(text))
        {
            throw InputException.At(file, null, "not a CSV or XLSX file (it contains binary data)");
        }

        return (text, warning);
    }

    private static string Strict(string file, Encoding encoding, byte[] content, int skip)
    {
        try
        {
            return encoding.GetString(content, skip, content.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            throw InputException.At(file, null, $"not valid {encoding.WebName} text although it starts with a {encoding.WebName} byte-order mark");
        }
    }

    private static void RefuseKnownBinary(string file, ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw InputException.At(file, null, "an old Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV");
        }

        if (bytes.StartsWith("%PDF"u8))
        {
            throw InputException.At(file, null, "a PDF, not a CSV or XLSX file");
        }

        // A loop, not Span.Contains: its code for byte is compiled at run time in every process that reads a CSV.
        foreach (var b in bytes[..Math.Min(bytes.Length, 8192)])
        {
            if (b == 0)
            {
                throw InputException.At(file, null, "not a CSV or XLSX file (it contains binary data)");
            }
        }
    }

    /// <summary>Text with NULs or more than 1% control characters is not a spreadsheet export.</summary>
    private static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 65536));
        var controls = 0;
        foreach (var c in sample)
        {
            if (c == '\0')
            {
                return true;
            }

            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f'))
            {
                controls++;
            }
        }

        return controls > sample.Length / 100;
    }

    private static char? SeparatorHint(string text) =>
        text.Length >= 5 && text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && (text.Length == 5 || text[5] is '\r' or '\n') && Separators.Contains(text[4])
            ? text[4]
            : null;

    private static char DetectSeparator(string file, string text, Func<IReadOnlyList<string>, int> headerScore)
    {
        var best = (Separator: '\0', Score: 0);
        foreach (var separator in Separators)
        {
            var score = 0;
            try
            {
                foreach (var row in Parse(file, text, separator).Take(HeaderSearchRows))
                {
                    score = Math.Max(score, headerScore(row.Cells));
                }
            }
            catch (InputException)
            {
                // An unclosed quote under one separator says nothing about the others.
            }

            if (score > best.Score)
            {
                best = (separator, score);
            }
        }

        if (best.Score > 0)
        {
            return best.Separator;
        }

        // No header under any separator: split the first non-blank line the way it most plausibly is split, so the
        // "no control column" error lists sensible column names.
        var firstLine = text.Split('\n').FirstOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? "";
        return Separators.OrderByDescending(s => firstLine.Count(c => c == s)).First();
    }
}
