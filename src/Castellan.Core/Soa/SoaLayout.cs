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

    private SoaLayout(int headerIndex, IReadOnlyDictionary<SoaField, int> columns, IReadOnlyList<string> ignored)
    {
        HeaderIndex = headerIndex;
        Columns = columns;
        Ignored = ignored;
    }

    /// <summary>Index of the header row in the sheet's rows; data rows follow it.</summary>
    public int HeaderIndex { get; }

    public IReadOnlyDictionary<SoaField, int> Columns { get; }

    /// <summary>Header names of columns that are not read, for the warning.</summary>
    public IReadOnlyList<string> Ignored { get; }

    public string? Value(SheetRow row, SoaField field) =>
        Columns.TryGetValue(field, out var column) ? row.Cell(column) : null;

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
        var byField = new Dictionary<SoaField, List<int>>();
        var ignored = new List<string>();
        for (var column = 0; column < header.Cells.Count; column++)
        {
            var name = header.Cells[column];
            if (SoaColumns.Recognise(name) is { } field)
            {
                (byField.TryGetValue(field, out var list) ? list : byField[field] = []).Add(column);
            }
            else if (!string.IsNullOrWhiteSpace(name))
            {
                ignored.Add(name.Trim());
            }
        }

        var data = rows.Skip(headerIndex + 1).ToList();
        var columns = new Dictionary<SoaField, int>();
        foreach (var (field, list) in byField)
        {
            // Several control-like columns ("#" with 1, 2, 3 and "Control" with A.5.1): the one holding the most control ids.
            // For other fields the leftmost wins.
            var chosen = field == SoaField.Control
                ? list.OrderByDescending(c => data.Count(r => SoaValues.ParseControlId(r.Cell(c)) is { Parts: >= 2 })).ThenBy(c => c).First()
                : list[0];
            columns[field] = chosen;
            ignored.AddRange(list.Where(c => c != chosen).Select(c => header.Cells[c].Trim()));
        }

        var width = data.Select(r => r.Cells.Count).DefaultIfEmpty(0).Max();
        for (var column = 0; column < width; column++)
        {
            if (string.IsNullOrWhiteSpace(header.Cell(column)) && data.Any(r => !string.IsNullOrWhiteSpace(r.Cell(column))))
            {
                ignored.Add($"column {Common.SpreadsheetCells.ColumnName(column)} (no header)");
            }
        }

        return new SoaLayout(headerIndex, columns, ignored);
    }
}
