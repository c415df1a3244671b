using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>Deletes jobs that finished longer ago than <c>keep</c>, with their results (report files can be large).</summary>
public sealed class DeleteFinishedJobs(CastellanDbContext db, TimeProvider clock)
{
    public async Task<int> RunAsync(TimeSpan keep, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - keep;
        return await db.Jobs.Where(j => j.FinishedAt != null && j.FinishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
