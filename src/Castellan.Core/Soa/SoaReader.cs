using Castellan.Core.Common;
using Castellan.Domain.Soa;

using Castellan.Core.Common.Tables;

namespace Castellan.Core.Soa;

/// <summary>
/// Reads a Statement of Applicability from the spreadsheets ISMS managers keep: CSV or XLSX (told apart by content),
/// header names in many spellings, titles above the header, ISO/IEC 27001:2013 or 2022 numbering. Every non-blank
/// data row is accounted for in <see cref="SoaImport.Rows"/>; controls absent from the file are absent from the SoA.
/// A file that cannot be read as an SoA at all is an <see cref="InputException"/> naming the file.
/// </summary>
public static class SoaReader
{
    public static SoaImport Read(string fileName, byte[] content) => Read(fileName, content, AnnexA.Shipped);

    /// <summary>Reads against Annex A as held in the database (no parsing of the shipped catalog files).</summary>
    public static SoaImport Read(string fileName, byte[] content, AnnexA annexA) => Read(Parse(fileName, content), annexA);

    /// <summary>
    /// The first step: the sheet read as far as it goes without Annex A, so a caller can load the ISO/IEC 27001:2013
    /// part of Annex A only for a file in 2013 numbering (<see cref="Sheet.From2013"/>).
    /// </summary>
    public static Sheet Parse(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > SheetLimits.MaxBytes)
        {
            throw InputException.At(fileName, null, $"the file is larger than {SheetLimits.Megabytes(SheetLimits.MaxBytes)} MB, the limit for an SoA");
        }

        if (content.Length == 0)
        {
            throw InputException.At(fileName, null, "the file is empty");
        }

        string? decoding = null;
        IReadOnlyList<SheetRow> rows;
        if (content.AsSpan().StartsWith("PK\x03\x04"u8))
        {
            rows = XlsxTable.Read(fileName, content);
        }
        else
        {
            (rows, decoding) = CsvTable.Read(fileName, content, SoaColumns.HeaderScore);
        }

        var layout = SoaLayout.Find(fileName, rows);
        return new Sheet(layout, SoaRows.Number(layout, rows), decoding);
    }

    /// <summary>The second step: the rows against Annex A (whose 2013 part is needed only when <see cref="Sheet.From2013"/>).</summary>
    public static SoaImport Read(Sheet sheet, AnnexA annexA)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var warnings = new List<string>();
        AddIf(warnings, sheet.Decoding);
        var (entries, outcomes) = SoaRows.Read(sheet.Layout, sheet.Rows, annexA);
        if (sheet.From2013)
        {
            warnings.Add("converted from ISO/IEC 27001:2013 numbering through ISO/IEC 27002:2022 Annex B");
        }

        var layout = sheet.Layout;
        if (!layout.Has(SoaField.Applicable))
        {
            warnings.Add("no applicable column (e.g. 'Applicable'), so no row says whether its control applies");
        }

        if (layout.Ignored.Count > 0)
        {
            warnings.Add($"ignored column{(layout.Ignored.Count == 1 ? "" : "s")} {string.Join(", ", layout.Ignored.Select(c => $"'{c}'"))}");
        }

        var refused = outcomes.Count(o => o.Outcome == SoaRowOutcome.Refused);
        if (refused > 0)
        {
            warnings.Add($"{refused} of {outcomes.Count} rows refused (see the rows for why)");
        }

        return new SoaImport(new StatementOfApplicability(entries), outcomes, warnings.Count == 0 ? null : string.Join("; ", warnings));
    }

    private static void AddIf(List<string> warnings, string? warning)
    {
        if (warning is not null)
        {
            warnings.Add(warning);
        }
    }

    /// <summary>A sheet read up to its rows' Annex A numbers; <see cref="From2013"/> when most use ISO/IEC 27001:2013 numbering.</summary>
    public sealed class Sheet
    {
        internal Sheet(SoaLayout layout, SoaRows.Numbered rows, string? decoding)
        {
            Layout = layout;
            Rows = rows;
            Decoding = decoding;
        }

        public bool From2013 => Rows.From2013;

        internal SoaLayout Layout { get; }

        internal SoaRows.Numbered Rows { get; }

        internal string? Decoding { get; }
    }
}
