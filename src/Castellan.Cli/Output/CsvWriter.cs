namespace Castellan.Cli.Output;

/// <summary>RFC 4180 CSV. Cells that a spreadsheet would run as a formula are escaped (SpreadsheetCells).</summary>
public static class CsvWriter
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        WriteRow(output, headers);
        foreach (var row in rows)
        {
            WriteRow(output, row);
        }
    }

    public static string Escape(string cell)
    {
        cell = Castellan.Core.Common.SpreadsheetCells.Escape(cell);
        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells)
    {
        output.Write(string.Join(',', cells.Select(Escape)));
        output.Write("\r\n");
    }
}
