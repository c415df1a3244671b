namespace Castellan.Core.Soa;

/// <summary>
/// Formula-injection escaping (OWASP "CSV injection"): a cell that begins with = + - @ tab or CR could run as a
/// formula when the file is opened in a spreadsheet, so it is written with a leading apostrophe. A value that already
/// begins with an apostrophe followed by such a cell is escaped too, so that reading undoes writing exactly.
/// </summary>
internal static class CellEscape
{
    public static string Escape(string value) => NeedsEscape(value) ? "'" + value : value;

    public static string Unescape(string value) => value.StartsWith('\'') && NeedsEscape(value[1..]) ? value[1..] : value;

    private static bool NeedsEscape(string value) =>
        value.Length > 0 && (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' || (value[0] == '\'' && NeedsEscape(value[1..])));
}
