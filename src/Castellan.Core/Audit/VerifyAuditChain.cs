using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Audit;

/// <summary>Recomputes the audit chain from the first record and names the first one that does not fit.</summary>
public sealed class VerifyAuditChain(CastellanDbContext db)
{
    public sealed record Outcome(long Records, long? FirstBroken, string? Reason)
    {
        public bool Intact => FirstBroken is null;
    }

    public async Task<Outcome> RunAsync(CancellationToken cancellationToken = default)
    {
        long expected = 1;
        var previous = "";
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (record.Sequence != expected)
            {
                return new(expected - 1, expected, record.Sequence > expected
                    ? $"record {expected} is missing (the next one is {record.Sequence})"
                    : $"record {record.Sequence} appears twice");
            }

            if (record.PreviousHash != previous)
            {
                return new(expected - 1, record.Sequence, $"record {record.Sequence} does not point at record {record.Sequence - 1} (a record before it was changed or removed)");
            }

            if (AuditTrail.HashOf(record) != record.Hash)
            {
                return new(expected - 1, record.Sequence, $"record {record.Sequence} was changed after it was written (its hash does not match its content)");
            }

            previous = record.Hash;
            expected++;
        }

        var head = await db.AuditHead.AsNoTracking().SingleAsync(h => h.Id == AuditTrail.HeadId, cancellationToken);
        if (head.Sequence != expected - 1 || head.Hash != previous)
        {
            return new(expected - 1, expected, head.Sequence > expected - 1
                ? $"records {expected}–{head.Sequence} were removed from the end of the trail"
                : "the chain head does not match the last record");
        }

        return new(expected - 1, null, null);
    }
}
