using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Castellan.Core.Common;

/// <summary>One worksheet: a header row (bold, frozen, filtered) and text rows.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<string>> Rows);

/// <summary>
/// Writes plain tables to an XLSX workbook. Every cell is an inline string, formula-escaped
/// (<see cref="SpreadsheetCells"/>), so nothing a user typed is ever evaluated by the spreadsheet.
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
                worksheet.AppendChild(data);
                worksheet.AppendChild(new AutoFilter { Reference = $"A1:{Column(sheet.Headers.Count - 1)}{Math.Max(1, index - 1)}" });
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
            row.AppendChild(new Cell
            {
                CellReference = $"{Column(c)}{index}",
                DataType = CellValues.InlineString,
                StyleIndex = bold ? 1U : 0U,
                InlineString = new InlineString(new Text(SpreadsheetCells.Escape(Clean(cells[c]))) { Space = SpaceProcessingModeValues.Preserve }),
            });
        }

        return row;
    }

    // XML 1.0 cannot carry most control characters; a cell holds at most 32,767 characters.
    private static string Clean(string value)
    {
        var text = new string([.. value.Where(ch => ch is '\t' or '\n' or '\r' || !char.IsControl(ch))]);
        return text.Length > 32_767 ? text[..32_767] : text;
    }

    private static string Column(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

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
