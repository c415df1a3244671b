using System.Text;
using System.Xml;
using Castellan.Domain.Soa;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Castellan.Core.Soa;

/// <summary>
/// Writes an SoA as a full ISO/IEC 27001:2022 Annex A table: all 93 controls in the order of the standard, with
/// their titles; a control the SoA lacks has an empty applicable cell. Cells that a spreadsheet could run as a formula
/// are escaped with a leading apostrophe (<see cref="CellEscape"/>). <see cref="SoaReader"/> reads both formats back
/// to the same SoA.
/// </summary>
public static class SoaWriter
{
    public const string SheetName = "Statement of Applicability";

    private static readonly string[] Header = ["control", "title", "applicable", "justification", "implementation", "owner", "evidence", "notes"];

    private static readonly double[] Widths = [10, 50, 12, 50, 22, 24, 40, 40];

    public static void WriteCsv(StatementOfApplicability soa, Stream output)
    {
        ArgumentNullException.ThrowIfNull(soa);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true) { NewLine = "\r\n" };
        foreach (var row in Rows(soa).Prepend(Header))
        {
            writer.WriteLine(string.Join(',', row.Select(Quote)));
        }
    }

    public static void WriteXlsx(StatementOfApplicability soa, Stream output)
    {
        ArgumentNullException.ThrowIfNull(soa);
        ArgumentNullException.ThrowIfNull(output);

        // System.IO.Packaging wants a seekable stream; build in memory, then copy.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var sheetData = new SheetData();
            var rowNumber = 1u;
            foreach (var values in Rows(soa).Prepend(Header))
            {
                sheetData.Append(Row(rowNumber, values, bold: rowNumber == 1));
                rowNumber++;
            }

            worksheet.Worksheet = new Worksheet(
                new Columns(Widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
                sheetData);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = SheetName }));
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>One row per 2022 Annex A control, in catalog order, as the cells after the header.</summary>
    private static IEnumerable<string[]> Rows(StatementOfApplicability soa) =>
        AnnexA.Shipped.Controls2022.Select(control => soa.Find(control.Id) is { } entry
            ? [control.Id, control.Title, entry.Applicable ? "yes" : "no", entry.Justification ?? "", entry.Implementation.ToWire(),
                entry.Owner ?? "", entry.Evidence ?? "", entry.Notes ?? ""]
            : new[] { control.Id, control.Title, "", "", "", "", "", "" });

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
    private static string Quote(string value)
    {
        var escaped = CellEscape.Escape(value);
        return escaped.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{escaped.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : escaped;
    }

    private static Row Row(uint number, string[] values, bool bold)
    {
        var row = new Row { RowIndex = number };
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Length == 0)
            {
                continue;
            }

            var text = new Text(XmlSafe(CellEscape.Escape(values[i]))) { Space = SpaceProcessingModeValues.Preserve };
            row.Append(new Cell
            {
                CellReference = SheetRow.ColumnName(i) + number,
                DataType = CellValues.InlineString,
                InlineString = new InlineString(text),
                StyleIndex = bold ? 1u : null,
            });
        }

        return row;
    }

    /// <summary>Characters XML 1.0 cannot carry (most control characters) would make the workbook unreadable; they are dropped.</summary>
    private static string XmlSafe(string value) =>
        value.All(XmlConvert.IsXmlChar) ? value : new string([.. value.Where(XmlConvert.IsXmlChar)]);

    /// <summary>The minimal stylesheet Excel accepts, with one extra format: bold, for the header.</summary>
    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
}
