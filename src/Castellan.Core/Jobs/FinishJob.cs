using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>Records how a job ended, with its result; the uploaded input is dropped (it is no longer needed).</summary>
public sealed class FinishJob(CastellanDbContext db, TimeProvider clock)
{
    public sealed record Ending(string State, string? Message, string? ResultJson = null, string? ResultName = null, string? ResultType = null,
        byte[]? ResultContent = null);

    /// <summary>False when the job was no longer this instance's (it was failed as stale meanwhile): nothing is recorded.</summary>
    public async Task<bool> RunAsync(long id, string owner, Ending ending, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Jobs.Where(j => j.Id == id && j.Owner == owner && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ending.State).SetProperty(j => j.Message, ending.Message)
                .SetProperty(j => j.ResultJson, ending.ResultJson).SetProperty(j => j.ResultName, ending.ResultName)
                .SetProperty(j => j.ResultType, ending.ResultType).SetProperty(j => j.ResultContent, ending.ResultContent)
                .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.InputContent, (byte[]?)null), cancellationToken);
        return updated == 1;
    }
}
