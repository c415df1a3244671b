using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>
/// Cancels a job for the account that started it. A queued job is cancelled at once; a running one is asked to stop,
/// and the instance running it stops it at its next progress write (its changes are all or nothing, so a stopped
/// import writes nothing; one that had already committed finishes as succeeded). A finished job stays as it is.
/// </summary>
public sealed class CancelJob(CastellanDbContext db, TimeProvider clock)
{
    public enum Outcome
    {
        Cancelled,
        Requested,
        AlreadyFinished,
        NotStarter,
    }

    public async Task<Outcome> RunAsync(string site, long id, string userId, string actor, CancellationToken cancellationToken = default)
    {
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == id && j.Site == site).Select(j => new { j.UserId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw ShowJob.NotFound(site, id);
        if (job.UserId != userId)
        {
            return Outcome.NotStarter;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var message = $"cancelled by {actor} before it started";
        if (await db.Jobs.Where(j => j.Id == id && j.State == JobState.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Cancelled).SetProperty(j => j.FinishedAt, now)
                    .SetProperty(j => j.Message, message).SetProperty(j => j.InputContent, (byte[]?)null), cancellationToken) == 1)
        {
            return Outcome.Cancelled;
        }

        return await db.Jobs.Where(j => j.Id == id && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), cancellationToken) == 1
            ? Outcome.Requested
            : Outcome.AlreadyFinished;
    }
}
