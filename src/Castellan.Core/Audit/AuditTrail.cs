using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Audit;

/// <summary>What one audit record says; <see cref="AuditTrail"/> adds time, sequence and hashes.</summary>
public sealed record AuditEntry(string Actor, string Site, string Action, string Target, string? Before, string? After, string Outcome = AuditOutcome.Ok);

public static class AuditOutcome
{
    public const string Ok = "ok";
    public const string Refused = "refused";
    public const string Conflict = "conflict";
}

/// <summary>
/// Appends records to the hash chain inside the caller's transaction, so a change and its record commit together or
/// not at all. The chain head row is updated first: on PostgreSQL that row lock, on SQLite the write lock, orders
/// concurrent writers (also across several server instances) so sequences have no gaps and hashes chain.
/// </summary>
public sealed class AuditTrail(TimeProvider clock)
{
    public const int HeadId = 1;

    /// <summary>Adds the record to <paramref name="db"/>; the caller's SaveChanges and commit write it.</summary>
    public async Task<AuditRecordRow> AppendAsync(CastellanDbContext db, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("an audit record is written in the transaction of the change it records");
        }

        await db.Database.ExecuteSqlRawAsync("""UPDATE audit_head SET "Sequence" = "Sequence" + 1 WHERE "Id" = 1""", cancellationToken);
        var head = await db.AuditHead.AsNoTracking().SingleAsync(h => h.Id == HeadId, cancellationToken);
        var now = clock.GetUtcNow();
        var record = new AuditRecordRow
        {
            Sequence = head.Sequence,
            At = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            Actor = entry.Actor,
            Site = entry.Site,
            Action = entry.Action,
            Target = entry.Target,
            Before = entry.Before,
            After = entry.After,
            Outcome = entry.Outcome,
            PreviousHash = head.Hash,
            Hash = "",
        };
        record.Hash = HashOf(record);
        await db.Database.ExecuteSqlAsync($"""UPDATE audit_head SET "Hash" = {record.Hash} WHERE "Id" = 1""", cancellationToken);
        db.AuditRecords.Add(record);
        return record;
    }

    /// <summary>Appends one record in its own transaction (for outcomes that change nothing else: refusals, conflicts).</summary>
    public async Task AppendAloneAsync(CastellanDbContext db, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AppendAsync(db, entry, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>SHA-256 over every field and the previous hash, serialised as a JSON array so no two records collide.</summary>
    public static string HashOf(AuditRecordRow record)
    {
        string?[] fields =
        [
            record.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            record.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            record.Actor, record.Site, record.Action, record.Target, record.Before, record.After, record.Outcome, record.PreviousHash,
        ];
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields, AuditJson.Default.StringArray))));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string?[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class AuditJson : System.Text.Json.Serialization.JsonSerializerContext
{
    /// <summary>A small JSON object of string fields, for the before/after of records that summarise a change.</summary>
    public static string Object(params (string Name, string Value)[] fields) =>
        System.Text.Json.JsonSerializer.Serialize(fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal), Default.DictionaryStringString);
}
