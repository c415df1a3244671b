using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Advisories;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Advisories;

/// <summary>
/// Records the next patch-management step of an advisory on an asset. Steps are appended, never overwritten: the
/// history (who moved it, when, to which outage window) stays for the auditor; the latest step is the current state.
/// </summary>
public sealed class RecordPatchState(DatabaseTarget database, TimeProvider clock, string actor = "system")
{
    public async Task<PatchStep> RunAsync(string trackingId, string assetId, string state, DateOnly? due, string? countermeasure, string? note, string? by, CancellationToken cancellationToken = default)
    {
        if (!PatchStateNames.TryParse(state, out var parsed))
        {
            throw new UsageException($"state '{state}': one of {string.Join(", ", Enum.GetValues<PatchState>().Select(s => s.ToWire()))}");
        }

        PatchStep step;
        try
        {
            step = new PatchStep(parsed, clock.GetUtcNow(), due, countermeasure, note, by);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter")[0]);
        }

        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        if (!await db.Advisories.AnyAsync(a => a.TrackingId == trackingId, cancellationToken))
        {
            throw new UsageException($"no advisory '{trackingId}' in the database; import it first with 'castellan advisories import'");
        }

        db.PatchStates.Add(new PatchStateRow
        {
            TrackingId = trackingId,
            AssetId = assetId,
            State = parsed.ToWire(),
            At = step.At,
            Due = step.Due,
            Countermeasure = step.Countermeasure,
            Note = step.Note,
            By = step.By,
        });
        await new Audit.AuditTrail(clock).AppendAsync(db, new Audit.AuditEntry(actor, "", "patch-state.record", $"advisory/{trackingId}/asset/{assetId}", null,
            Audit.AuditJson.Object(("state", parsed.ToWire()), ("due", step.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                ("countermeasure", step.Countermeasure ?? ""), ("by", step.By ?? ""))), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return step;
    }

    /// <summary>The latest step per (tracking id, asset id).</summary>
    public static async Task<IReadOnlyDictionary<(string TrackingId, string AssetId), PatchStep>> CurrentAsync(CastellanDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.PatchStates.AsNoTracking().OrderBy(p => p.Key).ToListAsync(cancellationToken);
        var current = new Dictionary<(string, string), PatchStep>();
        foreach (var row in rows)
        {
            if (PatchStateNames.TryParse(row.State, out var state))
            {
                current[(row.TrackingId, row.AssetId)] = new PatchStep(state, row.At, row.Due, row.Countermeasure, row.Note, row.By);
            }
        }

        return current;
    }
}
