using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>
/// Takes the oldest queued job for one server instance. The claim is a conditional UPDATE (queued → running, owner =
/// this instance) that only one of several racing instances can win: the others see 0 rows changed and try the next.
/// </summary>
public sealed class ClaimJob(CastellanDbContext db, TimeProvider clock)
{
    private const int Candidates = 5;

    /// <summary>The claimed job with its input, or null when no queued job of <paramref name="kinds"/> is left.</summary>
    public async Task<JobRow?> RunAsync(string owner, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken = default)
    {
        var queued = await db.Jobs.AsNoTracking().Where(j => j.State == JobState.Queued && kinds.Contains(j.Kind))
            .OrderBy(j => j.Id).Select(j => j.Id).Take(Candidates).ToListAsync(cancellationToken);
        foreach (var id in queued)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.Jobs.Where(j => j.Id == id && j.State == JobState.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running).SetProperty(j => j.Owner, owner)
                    .SetProperty(j => j.StartedAt, now).SetProperty(j => j.HeartbeatAt, now), cancellationToken);
            if (claimed == 1)
            {
                return await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken);
            }
        }

        return null;
    }
}
