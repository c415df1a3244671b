namespace Castellan.Cli.Output;

/// <summary>Plain aligned columns: readable on a terminal, stable in a pipe (no colours, no box drawing).</summary>
public static class TableWriter
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, int maxLastColumn = 0)
    {
        var all = rows.ToList();
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in all)
        {
            for (var i = 0; i < widths.Length - 1; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        WriteRow(output, headers, widths, maxLastColumn);
        WriteRow(output, [.. widths.Select((w, i) => new string('-', i == widths.Length - 1 ? Math.Max(headers[i].Length, 5) : w))], widths, maxLastColumn);
        foreach (var row in all)
        {
            WriteRow(output, row, widths, maxLastColumn);
        }
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths, int maxLastColumn)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i].ReplaceLineEndings(" ");
            if (i == cells.Count - 1)
            {
                output.WriteLine(maxLastColumn > 0 && cell.Length > maxLastColumn ? cell[..(maxLastColumn - 1)] + "…" : cell);
            }
            else
            {
                output.Write(cell.PadRight(widths[i]));
                output.Write("  ");
            }
        }
    }
}
