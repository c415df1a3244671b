using System.Globalization;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Audit;

/// <summary>
/// The audit trail as CSV (RFC 4180, UTF-8), oldest first, streamed from the database record by record so the
/// trail's length costs no memory. Cells that a spreadsheet would run as formulas are escaped (actors and objects
/// come from users).
/// </summary>
public sealed class ExportAuditCsv(CastellanDbContext db)
{
    public static readonly string[] Header = ["sequence", "at", "actor", "site", "action", "object", "outcome", "before", "after", "previous_hash", "hash"];

    /// <summary>Every record, or only those of <paramref name="site"/>.</summary>
    public async Task WriteAsync(TextWriter writer, string? site, CancellationToken cancellationToken = default)
    {
        await WriteRowAsync(writer, Header);
        var records = db.AuditRecords.AsNoTracking();
        if (site is not null)
        {
            records = records.Where(r => r.Site == site);
        }

        await foreach (var r in records.OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await WriteRowAsync(writer,
            [
                r.Sequence.ToString(CultureInfo.InvariantCulture), r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                r.Actor, r.Site, r.Action, r.Target, r.Outcome, r.Before ?? "", r.After ?? "", r.PreviousHash, r.Hash,
            ]);
        }
    }

    private static Task WriteRowAsync(TextWriter writer, IReadOnlyList<string> cells) =>
        writer.WriteAsync(string.Join(',', cells.Select(Cell)) + "\r\n");

    public static string Cell(string value)
    {
        value = SpreadsheetCells.Escape(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
