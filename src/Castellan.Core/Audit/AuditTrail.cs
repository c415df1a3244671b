using System.Text;
using System.Text.Json;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Castellan.Core.Common;

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

    /// <summary>
    /// Takes the chain head's lock at the start of the caller's transaction, before it reads what it will change: every
    /// audited change that committed earlier is then visible to its reads, and none can commit until it has. For use
    /// cases that read, decide and write in one transaction where two runs at once would both insert the same rows.
    /// </summary>
    public static async Task LockAsync(CastellanDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("the audit lock is taken in the transaction of the change");
        }

        await db.Database.ExecuteSqlRawAsync("""UPDATE audit_head SET "Sequence" = "Sequence" WHERE "Id" = 1""", cancellationToken);
    }

    /// <summary>
    /// Adds the record to <paramref name="db"/>; the caller's SaveChanges and commit write it. One statement takes the
    /// head's lock and reads it; the new head hash is written by the caller's SaveChanges, in the same batch as the change
    /// and the record. A transaction holds the lock for three round trips (this, the save, the commit): on a busy server
    /// every one is a wait for a thread, and every writer queues behind the one holding the lock.
    /// </summary>
    public async Task<AuditRecordRow> AppendAsync(CastellanDbContext db, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not { } transaction)
        {
            throw new InvalidOperationException("an audit record is written in the transaction of the change it records");
        }

        var (sequence, storedHash) = await AdvanceAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), cancellationToken);
        // An earlier record of this same unsaved change is the one this record follows: its hash is not stored yet.
        var tracked = db.ChangeTracker.Entries<AuditHeadRow>().FirstOrDefault();
        AuditHeadRow head;
        if (tracked is { State: EntityState.Modified })
        {
            head = tracked.Entity;
        }
        else
        {
            if (tracked is not null)
            {
                tracked.State = EntityState.Detached;
            }

            head = new AuditHeadRow { Id = HeadId, Sequence = sequence, Hash = storedHash };
            db.AuditHead.Attach(head);
        }

        var record = NewRecord(entry, sequence, head.Hash);
        head.Sequence = sequence;
        head.Hash = record.Hash;
        db.AuditRecords.Add(record);
        return record;
    }

    /// <summary>
    /// The same append for use cases that write with plain SQL on their own connection (bulk imports): the record is
    /// inserted at once, inside <paramref name="transaction"/>.
    /// </summary>
    public async Task AppendAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var (sequence, previous) = await AdvanceAsync(connection, transaction, cancellationToken);
        var record = NewRecord(entry, sequence, previous);
        await Execute("""
            INSERT INTO audit_records ("Sequence", "At", "Actor", "Site", "Action", "Target", "Before", "After", "Outcome", "PreviousHash", "Hash")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)
            """, record.Sequence, record.At, record.Actor, record.Site, record.Action, record.Target, record.Before, record.After, record.Outcome, record.PreviousHash, record.Hash);
        await Execute("""UPDATE audit_head SET "Hash" = @p0 WHERE "Id" = 1""", record.Hash);

        async Task Execute(string sql, params object?[] values)
        {
            await using var command = Persistence.SqlCommands.Create(connection, transaction, sql,
                [.. values.Select((value, i) => ("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), value))]);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Moves the head on by one and reads it, in one statement that takes the head row's lock until commit.</summary>
    private static async Task<(long Sequence, string Hash)> AdvanceAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """UPDATE audit_head SET "Sequence" = "Sequence" + 1 WHERE "Id" = 1 RETURNING "Sequence", "Hash" """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("the audit head row is missing: the database was not migrated by Castellan");
        }

        return (reader.GetInt64(0), reader.GetString(1));
    }

    private AuditRecordRow NewRecord(AuditEntry entry, long sequence, string previousHash)
    {
        var now = clock.GetUtcNow();
        var record = new AuditRecordRow
        {
            Sequence = sequence,
            At = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            Actor = entry.Actor,
            Site = entry.Site,
            Action = entry.Action,
            Target = entry.Target,
            Before = entry.Before,
            After = entry.After,
            Outcome = entry.Outcome,
            PreviousHash = previousHash,
            Hash = "",
        };
        record.Hash = HashOf(record);
        return record;
    }

    /// <summary>Appends one record in its own transaction (for outcomes that change nothing else: refusals, conflicts).</summary>
    public async Task AppendAloneAsync(CastellanDbContext db, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
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
        return Sha256Hex.Of(AuditJson.Array(fields));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class AuditJson : System.Text.Json.Serialization.JsonSerializerContext
{
    /// <summary>
    /// A small JSON object of string fields, for the before/after of records that summarise a change. Written as the
    /// serializer writes a Dictionary&lt;string, string&gt; (same writer, same default escaping), without the serializer's
    /// start-up: a command that appends one record pays for its type metadata otherwise.
    /// </summary>
    public static string Object(params (string Name, string Value)[] fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in fields)
            {
                if (!names.Add(name))
                {
                    throw new ArgumentException($"field '{name}' is given twice", nameof(fields));
                }

                json.WriteString(name, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JSON array of strings and nulls as UTF-8, written as the serializer writes a string?[] (the audit hash's input).</summary>
    public static byte[] Array(string?[] values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                if (value is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(value);
                }
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
