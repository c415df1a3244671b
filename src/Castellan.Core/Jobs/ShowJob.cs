using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>A job's state and progress, and its result, for whoever may read the job's site ("" = the organisation).</summary>
public sealed class ShowJob(CastellanDbContext db)
{
    public sealed record Status(long Id, string Site, string Kind, string Actor, string State, string? Step, long Done, long Total, string? Message,
        string? InputName, string? InputKey, string? InputJson, bool HasResult, bool CancelRequested, string UserId, string? Owner,
        DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
    {
        public bool IsFinished => JobState.IsFinished(State);
    }

    /// <summary>What a job made: JSON, a file, or both; all null while it has made nothing.</summary>
    public sealed record Result(string? Json, string? FileName, string? ContentType, byte[]? Content);

    /// <summary>The job, if it belongs to <paramref name="site"/>; another site's job is as unknown as a missing one.</summary>
    public async Task<Status> RunAsync(string site, long id, CancellationToken cancellationToken = default) =>
        await db.Jobs.AsNoTracking().Where(j => j.Id == id && j.Site == site)
            .Select(j => new Status(j.Id, j.Site, j.Kind, j.Actor, j.State, j.Step, j.Done, j.Total, j.Message, j.InputName, j.InputKey, j.InputJson,
                j.ResultJson != null || j.ResultContent != null, j.CancelRequested, j.UserId, j.Owner, j.CreatedAt, j.StartedAt, j.FinishedAt))
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw NotFound(site, id);

    /// <summary>The job's result; without <paramref name="content"/>, the file's name and type but not its bytes (a page that links to it).</summary>
    public async Task<Result> ResultAsync(string site, long id, bool content = true, CancellationToken cancellationToken = default)
    {
        var job = db.Jobs.AsNoTracking().Where(j => j.Id == id && j.Site == site);
        return await (content
                ? job.Select(j => new Result(j.ResultJson, j.ResultName, j.ResultType, j.ResultContent))
                : job.Select(j => new Result(j.ResultJson, j.ResultName, j.ResultType, null)))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw NotFound(site, id);
    }

    internal static UsageException NotFound(string site, long id) =>
        new(site.Length == 0 ? $"no organisation job {id}" : $"no job {id} for site '{site}'");
}
