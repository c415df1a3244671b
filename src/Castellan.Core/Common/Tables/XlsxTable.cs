using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Castellan.Core.Common.Tables;

/// <summary>
/// The first worksheet of an .xlsx workbook as rows of text. The archive is checked against the limits first,
/// by decompressing every entry with a counter (a zip's declared sizes can lie), and only then opened.
/// </summary>
internal static class XlsxTable
{
    public const int MaxEntries = 1_000;

    public const long MaxUncompressedBytes = 200L * 1024 * 1024;

    public const int MaxCompressionRatio = 100;

    /// <summary>Entries smaller than this expand to nothing dangerous whatever their ratio (tiny XML parts compress well).</summary>
    private const long RatioExemptBytes = 1024 * 1024;

    /// <summary>Excel's last row.</summary>
    private const uint MaxRowNumber = 1_048_576;

    /// <summary>Excel's last column is XFD.</summary>
    private const int MaxColumns = 16_384;

    public static IReadOnlyList<SheetRow> Read(string file, byte[] content)
    {
        CheckArchive(file, content);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxUncompressedBytes });
            return ReadFirstWorksheet(file, document);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or XmlException or FormatException
                                      or InvalidOperationException or NotSupportedException or ArgumentException or KeyNotFoundException)
        {
            throw InputException.At(file, null, $"not a readable Excel workbook (.xlsx): {e.Message}");
        }
    }

    private static void CheckArchive(string file, byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                throw InputException.At(file, null, $"the workbook archive has {zip.Entries.Count:N0} entries; the limit is {MaxEntries:N0}");
            }

            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                CheckRatio(file, entry, entry.Length);
                long size = 0;
                using var stream = entry.Open();
                for (int read; (read = stream.Read(buffer)) > 0;)
                {
                    size += read;
                    total += read;
                    if (total > MaxUncompressedBytes)
                    {
                        throw InputException.At(file, null, $"the workbook expands to more than {SheetLimits.Megabytes(MaxUncompressedBytes)} MB; refused as a possible zip bomb");
                    }

                    CheckRatio(file, entry, size);
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw InputException.At(file, null, $"a damaged zip archive, not a readable Excel workbook (.xlsx): {e.Message}");
        }
    }

    private static void CheckRatio(string file, ZipArchiveEntry entry, long size)
    {
        if (size > RatioExemptBytes && size > entry.CompressedLength * MaxCompressionRatio)
        {
            throw InputException.At(file, null,
                $"the workbook entry '{entry.FullName}' expands more than {MaxCompressionRatio}-fold; refused as a possible zip bomb");
        }
    }

    private static List<SheetRow> ReadFirstWorksheet(string file, SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart ?? throw InputException.At(file, null, "a zip archive but not an Excel workbook (.xlsx)");
        var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw InputException.At(file, null, "the workbook has no sheets");
        if (sheet.Id?.Value is not { } partId || workbook.GetPartById(partId) is not WorksheetPart worksheet)
        {
            throw InputException.At(file, null, $"the first sheet '{sheet.Name}' is not a worksheet (a chart sheet?)");
        }

        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(RichText).ToArray() ?? [];
        var rows = new List<SheetRow>();
        using var reader = OpenXmlReader.Create(worksheet);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(SheetData))
            {
                continue;
            }

            if (reader.ReadFirstChild())
            {
                do
                {
                    if (reader.ElementType == typeof(Row) && reader.LoadCurrentElement() is Row row)
                    {
                        var number = row.RowIndex?.Value is { } index ? index : (rows.Count == 0 ? 1u : (uint)rows[^1].Number + 1);
                        if (rows.Count >= SheetLimits.MaxRows)
                        {
                            throw InputException.At(file, null, $"more than {SheetLimits.MaxRows:N0} rows, the limit for one file");
                        }

                        if (number is 0 or > MaxRowNumber)
                        {
                            throw InputException.At(file, null, $"row number {number} is outside a worksheet (1 to {MaxRowNumber:N0})");
                        }

                        rows.Add(new SheetRow((int)number, Cells(file, row, shared)));
                    }
                }
                while (reader.ReadNextSibling());
            }

            break;
        }

        return rows;
    }

    private static string[] Cells(string file, Row row, string[] shared)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
            if (column < 0 || column >= MaxColumns)
            {
                continue;
            }

            while (cells.Count <= column)
            {
                cells.Add("");
            }

            cells[column] = Text(file, cell, shared);
        }

        return [.. cells];
    }

    private static string Text(string file, Cell cell, string[] shared)
    {
        var type = cell.DataType?.Value;
        var raw = cell.CellValue?.Text ?? "";
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? RichText(inline) : raw;
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length
                ? shared[i]
                : throw InputException.At(file, null, $"cell {cell.CellReference} refers to shared string {raw}, which the workbook lacks");
        }

        if (type == CellValues.Boolean)
        {
            return raw switch { "1" => "TRUE", "0" => "FALSE", _ => raw };
        }

        // Numbers are stored in shortest form ("5.15", not "5.1500000000000004"), as Excel displays them.
        return (type is null || type == CellValues.Number)
               && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : raw;
    }

    /// <summary>The text of a shared or inline string: plain, or the runs of rich text (phonetic guides left out).</summary>
    private static string RichText(OpenXmlElement item) =>
        XlsxText.Decode(item.GetFirstChild<Text>() is { } text
            ? text.Text
            : string.Concat(item.Elements<Run>().Select(r => r.Text?.Text)));

    /// <summary>"C12" → 2.</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = (column * 26) + (c - 'A' + 1);
            }
            else if (c is >= 'a' and <= 'z')
            {
                column = (column * 26) + (c - 'a' + 1);
            }
            else
            {
                break;
            }

            if (column > MaxColumns)
            {
                return -1;
            }
        }

        return column - 1;
    }
}
