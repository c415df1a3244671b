using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Castellan.Core.Common;

/// <summary>One worksheet: a header row (bold, frozen, filtered) and text rows.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<string>> Rows, IReadOnlyList<double>? Widths = null);

/// <summary>
/// Writes plain tables to an XLSX workbook. Every cell is an inline string, formula-escaped
/// (<see cref="SpreadsheetCells"/>) and XML-safe (<see cref="XlsxText"/>), so nothing a user typed is ever evaluated by
/// the spreadsheet and every character survives a round trip.
/// </summary>
public static class XlsxWriter
{
    public static void Write(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetList = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.AppendChild(Row(1, sheet.Headers, bold: true));
                uint index = 2;
                foreach (var row in sheet.Rows)
                {
                    data.AppendChild(Row(index++, row, bold: false));
                }

                var worksheet = new Worksheet();
                worksheet.AppendChild(new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                })
                { TabSelected = id == 1, WorkbookViewId = 0 }));
                if (sheet.Widths is { Count: > 0 } widths)
                {
                    worksheet.AppendChild(new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })));
                }

                worksheet.AppendChild(data);
                worksheet.AppendChild(new AutoFilter { Reference = $"A1:{SpreadsheetCells.ColumnName(sheet.Headers.Count - 1)}{Math.Max(1, index - 1)}" });
                part.Worksheet = worksheet;
                sheetList.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = SheetName(sheet.Name) });
            }

            workbook.Workbook.Save();
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Row Row(uint index, IReadOnlyList<string> cells, bool bold)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < cells.Count; c++)
        {
            if (cells[c].Length == 0)
            {
                continue;
            }

            row.AppendChild(new Cell
            {
                CellReference = $"{SpreadsheetCells.ColumnName(c)}{index}",
                DataType = CellValues.InlineString,
                StyleIndex = bold ? 1U : null,
                InlineString = new InlineString(new Text(XlsxText.Encode(SpreadsheetCells.Escape(Limit(cells[c])))) { Space = SpaceProcessingModeValues.Preserve }),
            });
        }

        return row;
    }

    // A cell holds at most 32,767 characters; characters XML cannot carry are escaped by XlsxText (_xHHHH_).
    private static string Limit(string value) => value.Length > 32_000 ? value[..32_000] : value;

    // Excel: at most 31 characters, none of : \ / ? * [ ]
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Select(ch => ch is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '-' : ch)]);
        return clean.Length > 31 ? clean[..31] : clean;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
}
