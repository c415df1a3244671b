using Castellan.Core.Persistence;

namespace Castellan.Core.Jobs;

/// <summary>Puts a job in the queue and returns its id; a server instance's worker claims and runs it (<see cref="ClaimJob"/>).</summary>
public sealed class QueueJob(CastellanDbContext db, TimeProvider clock)
{
    /// <summary>What to run, for whom, on what: <paramref name="Site"/> "" for an organisation-wide job.</summary>
    public sealed record Request(string Site, string Kind, string Actor, string UserId, string? InputKey = null, string? InputJson = null,
        string? InputName = null, byte[]? InputContent = null);

    public async Task<long> RunAsync(Request request, CancellationToken cancellationToken = default)
    {
        var row = new JobRow
        {
            Site = request.Site, Kind = request.Kind, Actor = request.Actor, UserId = request.UserId, State = JobState.Queued,
            InputKey = request.InputKey, InputJson = request.InputJson, InputName = request.InputName, InputContent = request.InputContent,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Jobs.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = Microsoft.EntityFrameworkCore.EntityState.Detached; // the input may be large; the context is pooled
        return row.Id;
    }
}
