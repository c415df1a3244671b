namespace Castellan.Core.Common;

/// <summary>
/// Spreadsheet formula injection (OWASP "CSV injection"): a cell that begins with = + - @ tab or CR is run as a formula
/// by Excel and LibreOffice. Every CSV and XLSX export escapes such cells with a leading apostrophe.
/// </summary>
public static class SpreadsheetCells
{
    /// <summary>A value that already begins with an apostrophe before such a cell is escaped too, so reading undoes writing exactly.</summary>
    public static bool NeedsEscape(string value) =>
        value.Length > 0 && (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' || (value[0] == '\'' && NeedsEscape(value[1..])));

    public static string Escape(string value) => NeedsEscape(value) ? "'" + value : value;

    /// <summary>Undoes <see cref="Escape"/> when reading back a file Castellan wrote.</summary>
    public static string Unescape(string value) => value.StartsWith('\'') && NeedsEscape(value[1..]) ? value[1..] : value;

    /// <summary>Spreadsheet column letters for a 0-based index: 0 → "A", 26 → "AA".</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
