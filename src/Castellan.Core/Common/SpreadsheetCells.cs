namespace Castellan.Core.Common;

/// <summary>
/// Spreadsheet formula injection (OWASP "CSV injection"): a cell that begins with = + - @ tab or CR is run as a formula
/// by Excel and LibreOffice. Every CSV and XLSX export escapes such cells with a leading apostrophe.
/// </summary>
public static class SpreadsheetCells
{
    public static bool NeedsEscape(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string Escape(string value) => NeedsEscape(value) ? "'" + value : value;

    /// <summary>Undoes <see cref="Escape"/> when reading back a file Castellan wrote.</summary>
    public static string Unescape(string value) => value.StartsWith('\'') && NeedsEscape(value[1..]) ? value[1..] : value;
}
