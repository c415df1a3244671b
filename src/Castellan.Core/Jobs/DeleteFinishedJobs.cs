using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>Deletes jobs that finished longer ago than <c>keep</c>, with their results (report files can be large).</summary>
public sealed class DeleteFinishedJobs(CastellanDbContext db, TimeProvider clock)
{
    public async Task<int> RunAsync(TimeSpan keep, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - keep;
        var old = db.Jobs.Where(j => j.FinishedAt != null && j.FinishedAt < cutoff);
        // A read first: on SQLite even a DELETE of nothing takes the write lock, and every instance runs this regularly.
        return await old.AnyAsync(cancellationToken) ? await old.ExecuteDeleteAsync(cancellationToken) : 0;
    }
}
