namespace Castellan.Core.Common.Tables;

/// <summary>One row of a sheet: its 1-based number as the user sees it and its cells left to right (gaps hold "").</summary>
internal sealed record SheetRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column >= 0 && column < Cells.Count ? Cells[column] : "";

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>Limits checked before a file is read, so a hostile or runaway file is refused rather than exhausting memory.</summary>
internal static class SheetLimits
{
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>100,000 data rows (an asset inventory of a large estate) plus titles and a header above them.</summary>
    public const int MaxRows = 100_000 + 20;

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
