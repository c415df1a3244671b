using System.Text;
using Castellan.Core.Common;
using Castellan.Domain.Soa;

namespace Castellan.Core.Soa;

/// <summary>
/// Writes an SoA as a full ISO/IEC 27001:2022 Annex A table: all 93 controls in the order of the standard, with
/// their titles; a control the SoA lacks has an empty applicable cell. Cells that a spreadsheet could run as a formula
/// are escaped with a leading apostrophe (<see cref="SpreadsheetCells"/>). <see cref="SoaReader"/> reads both formats back
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
        XlsxWriter.Write(output, [new XlsxSheet(SheetName, Header, Rows(soa), Widths)]);
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
        var escaped = SpreadsheetCells.Escape(value);
        return escaped.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{escaped.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : escaped;
    }
}
