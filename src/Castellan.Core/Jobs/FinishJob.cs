using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>Records how a job ended, with its result; the uploaded input is dropped (it is no longer needed).</summary>
public sealed class FinishJob(CastellanDbContext db, TimeProvider clock)
{
    /// <summary>How the job ended; <paramref name="Progress"/> is its last progress, written with the ending so the row shows where it stopped.</summary>
    public sealed record Ending(string State, string? Message, string? ResultJson = null, string? ResultName = null, string? ResultType = null,
        byte[]? ResultContent = null, WorkProgress? Progress = null);

    /// <summary>False when the job was no longer this instance's (it was failed as stale meanwhile): nothing is recorded.</summary>
    public async Task<bool> RunAsync(long id, string owner, Ending ending, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Jobs.Where(j => j.Id == id && j.Owner == owner && j.State == JobState.Running)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(j => j.State, ending.State).SetProperty(j => j.Message, ending.Message)
                    .SetProperty(j => j.ResultJson, ending.ResultJson).SetProperty(j => j.ResultName, ending.ResultName)
                    .SetProperty(j => j.ResultType, ending.ResultType).SetProperty(j => j.ResultContent, ending.ResultContent)
                    .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.InputContent, (byte[]?)null);
                if (ending.Progress is { } p)
                {
                    s.SetProperty(j => j.Step, p.Step).SetProperty(j => j.Done, p.Done).SetProperty(j => j.Total, p.Total);
                }
            }, cancellationToken);
        return updated == 1;
    }
}
