using Castellan.Core.Common;

using Castellan.Core.Common.Tables;

namespace Castellan.Core.Soa;

/// <summary>
/// Where the SoA sits in a sheet: the header row (the first of the first 20 rows that names a control column and one
/// other known column; titles may stand above it) and which column holds which field.
/// </summary>
internal sealed class SoaLayout
{
    private const int HeaderSearchRows = 20;

    /// <summary>Number of <see cref="SoaField"/> values: the length of <see cref="_columns"/>.</summary>
    private const int FieldCount = (int)SoaField.Notes + 1;

    /// <summary>The column of each field, indexed by the field; -1 when the sheet has none (an array, not a dictionary: see <see cref="SoaColumns"/>).</summary>
    private readonly int[] _columns;

    private SoaLayout(int headerIndex, int[] columns, IReadOnlyList<string> ignored)
    {
        HeaderIndex = headerIndex;
        _columns = columns;
        Ignored = ignored;
    }

    /// <summary>Index of the header row in the sheet's rows; data rows follow it.</summary>
    public int HeaderIndex { get; }

    /// <summary>Header names of columns that are not read, for the warning.</summary>
    public IReadOnlyList<string> Ignored { get; }

    public bool Has(SoaField field) => _columns[(int)field] >= 0;

    public string? Value(SheetRow row, SoaField field) =>
        _columns[(int)field] is var column and >= 0 ? row.Cell(column) : null;

    public static SoaLayout Find(string file, IReadOnlyList<SheetRow> rows)
    {
        var candidates = rows.Take(HeaderSearchRows).ToList();
        var headerIndex = candidates.FindIndex(r => SoaColumns.HeaderScore(r.Cells) > 0);
        if (headerIndex < 0)
        {
            var found = candidates.FirstOrDefault(r => !r.IsBlank)?.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => $"'{c.Trim()}'").ToList() ?? [];
            throw InputException.At(file, null,
                "no header row with a control column (e.g. 'Control', 'Control ID', 'Ref') and another SoA column (e.g. 'Applicable') in the first "
                + $"{HeaderSearchRows} rows; columns found: {(found.Count == 0 ? "none" : string.Join(", ", found))}");
        }

        var header = rows[headerIndex];
        var byField = new List<int>?[FieldCount];
        var ignored = new List<string>();
        for (var column = 0; column < header.Cells.Count; column++)
        {
            var name = header.Cells[column];
            if (SoaColumns.Recognise(name) is { } field)
            {
                (byField[(int)field] ??= []).Add(column);
            }
            else if (!string.IsNullOrWhiteSpace(name))
            {
                ignored.Add(name.Trim());
            }
        }

        var data = rows.Skip(headerIndex + 1).ToList();
        var columns = new int[FieldCount];
        for (var field = 0; field < FieldCount; field++)
        {
            // Not Array.Fill: its code for int is compiled at run time (see SoaColumns).
            columns[field] = -1;
            if (byField[field] is not { } list)
            {
                continue;
            }

            // Several control-like columns ("#" with 1, 2, 3 and "Control" with A.5.1): the one holding the most control ids.
            // For other fields the leftmost wins.
            var chosen = field == (int)SoaField.Control ? MostControlIds(list, data) : list[0];
            columns[field] = chosen;
            foreach (var column in list)
            {
                if (column != chosen)
                {
                    ignored.Add(header.Cells[column].Trim());
                }
            }
        }

        var width = 0;
        foreach (var row in data)
        {
            width = Math.Max(width, row.Cells.Count);
        }

        for (var column = 0; column < width; column++)
        {
            if (string.IsNullOrWhiteSpace(header.Cell(column)) && data.Exists(r => !string.IsNullOrWhiteSpace(r.Cell(column))))
            {
                ignored.Add($"column {Common.SpreadsheetCells.ColumnName(column)} (no header)");
            }
        }

        return new SoaLayout(headerIndex, columns, ignored);
    }

    /// <summary>The column holding the most control ids of two or more parts; the leftmost of equals.</summary>
    private static int MostControlIds(List<int> columns, List<SheetRow> data)
    {
        var (best, most) = (columns[0], -1);
        foreach (var column in columns)
        {
            var ids = 0;
            foreach (var row in data)
            {
                if (SoaValues.ParseControlId(row.Cell(column)) is { Parts: >= 2 })
                {
                    ids++;
                }
            }

            if (ids > most)
            {
                (best, most) = (column, ids);
            }
        }

        return best;
    }
}
