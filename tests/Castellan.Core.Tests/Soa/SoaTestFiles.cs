using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Castellan.Core.Tests.Soa;

/// <summary>Test inputs built in code: CSV bytes in a chosen encoding and XLSX workbooks written with the Open XML SDK.</summary>
internal static class SoaTestFiles
{
    public static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] CsvWithBom(string text, Encoding encoding) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];

    /// <summary>A workbook whose first sheet holds the given cells ("B3" → value); strings go to the shared string table.</summary>
    public static byte[] Xlsx(params (string Reference, object Value)[] cells) => Xlsx(firstSheetName: "SoA", cells);

    public static byte[] Xlsx(string firstSheetName, params (string Reference, object Value)[] cells)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = new List<string>();
            var sheetData = new SheetData();
            foreach (var group in cells.GroupBy(c => RowOf(c.Reference)).OrderBy(g => g.Key))
            {
                var row = new Row { RowIndex = group.Key };
                foreach (var (reference, value) in group)
                {
                    row.Append(ToCell(reference, value, strings));
                }

                sheetData.Append(row);
            }

            var sharedPart = workbook.AddNewPart<SharedStringTablePart>();
            sharedPart.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            worksheet.Worksheet = new Worksheet(sheetData);
            var second = workbook.AddNewPart<WorksheetPart>();
            second.Worksheet = new Worksheet(new SheetData(new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("not read")) }) { RowIndex = 1 }));
            workbook.Workbook.AppendChild(new Sheets(
                new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = firstSheetName },
                new Sheet { Id = workbook.GetIdOfPart(second), SheetId = 2, Name = "Other" }));
        }

        return buffer.ToArray();
    }

    /// <summary>A zip archive with the given entries, each compressed as much as possible.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A valid workbook with one more entry added to its archive.</summary>
    public static byte[] WithEntry(byte[] xlsx, string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        buffer.Write(xlsx);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            stream.Write(content);
        }

        return buffer.ToArray();
    }

    private static uint RowOf(string reference) => uint.Parse(new string([.. reference.SkipWhile(char.IsLetter)]), System.Globalization.CultureInfo.InvariantCulture);

    private static Cell ToCell(string reference, object value, List<string> strings) => value switch
    {
        string text => new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(Share(text, strings)) },
        bool flag => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(flag ? "1" : "0") },
        double number => new Cell { CellReference = reference, CellValue = new CellValue(number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)) },
        int number => new Cell { CellReference = reference, CellValue = new CellValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        InlineText inline => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(inline.Text)) },
        _ => throw new ArgumentException($"unsupported cell value {value}", nameof(value)),
    };

    private static string Share(string text, List<string> strings)
    {
        var index = strings.IndexOf(text);
        if (index < 0)
        {
            strings.Add(text);
            index = strings.Count - 1;
        }

        return index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>A cell written as an inline string rather than a shared one.</summary>
internal sealed record InlineText(string Text);
