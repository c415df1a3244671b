using System.Globalization;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>
/// Fails running jobs whose instance stopped sending heartbeats (it crashed, or lost the database). They are failed,
/// not queued again: every job that writes does so all or nothing, so a stopped one wrote nothing, or everything if it
/// had committed just before it died — running it again unasked could apply an import twice. The message says so.
/// Any instance may run this; the conditional UPDATE fails each job once.
/// </summary>
public sealed class FailStaleJobs(CastellanDbContext db, TimeProvider clock)
{
    public async Task<int> RunAsync(TimeSpan staleAfter, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - staleAfter;
        var stale = await db.Jobs.AsNoTracking().Where(j => j.State == JobState.Running && j.HeartbeatAt < cutoff)
            .Select(j => new { j.Id, j.Owner, j.HeartbeatAt }).ToListAsync(cancellationToken);
        var failed = 0;
        foreach (var job in stale)
        {
            var seen = job.HeartbeatAt!.Value;
            var message = $"the server instance running this job ({job.Owner}) stopped answering: its last sign of life was at " +
                $"{DateTime.SpecifyKind(seen, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC. " +
                "The job wrote all of its changes or none of them; look at the result (e.g. the audit trail) before starting it again.";
            failed += await db.Jobs.Where(j => j.Id == job.Id && j.State == JobState.Running && j.HeartbeatAt == seen)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Failed).SetProperty(j => j.Message, message)
                    .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.InputContent, (byte[]?)null), cancellationToken);
        }

        return failed;
    }
}
