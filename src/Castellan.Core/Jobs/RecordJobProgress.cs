using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>
/// Writes a running job's progress and heartbeat. False when the job is no longer this instance's to run: someone asked
/// to cancel it, or it was failed as stale (its heartbeat was too old) — the runner then stops it.
/// </summary>
public sealed class RecordJobProgress(CastellanDbContext db, TimeProvider clock)
{
    public async Task<bool> RunAsync(long id, string owner, WorkProgress? progress, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ours = db.Jobs.Where(j => j.Id == id && j.Owner == owner && j.State == JobState.Running && !j.CancelRequested);
        return await ours.ExecuteUpdateAsync(s =>
        {
            s.SetProperty(j => j.HeartbeatAt, now);
            if (progress is { } p)
            {
                s.SetProperty(j => j.Step, p.Step).SetProperty(j => j.Done, p.Done).SetProperty(j => j.Total, p.Total);
            }
        }, cancellationToken) == 1;
    }

    /// <summary>The same question without a write: is the job still running here, with no cancel asked for?</summary>
    public Task<bool> StillOursAsync(long id, string owner, CancellationToken cancellationToken = default) =>
        db.Jobs.AsNoTracking().AnyAsync(j => j.Id == id && j.Owner == owner && j.State == JobState.Running && !j.CancelRequested, cancellationToken);

    /// <summary>Whether a cancel was asked for (as opposed to the job having been taken away as stale).</summary>
    public Task<bool> CancelRequestedAsync(long id, CancellationToken cancellationToken = default) =>
        db.Jobs.AsNoTracking().AnyAsync(j => j.Id == id && j.CancelRequested, cancellationToken);
}
