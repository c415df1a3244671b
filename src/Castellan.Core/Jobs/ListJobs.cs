using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Jobs;

/// <summary>
/// The jobs of a site ("" = the organisation's), newest first, a page at a time cut at the database (by id, on the
/// (site, id) index): what is running, what is waiting, and what finished while nobody watched.
/// </summary>
public sealed class ListJobs(CastellanDbContext db)
{
    public const int MaxSize = 200;

    public sealed record Entry(long Id, string Kind, string Actor, string State, string? Step, long Done, long Total, string? Message, string? InputName,
        bool HasResult, bool CancelRequested, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
    {
        public bool IsFinished => JobState.IsFinished(State);
    }

    /// <summary>A page of jobs; <see cref="NextBefore"/> is where the next (older) page starts, null on the last one; <see cref="Size"/> the page size used.</summary>
    public sealed record Page(IReadOnlyList<Entry> Jobs, long? NextBefore, int Size);

    public async Task<Page> RunAsync(string site, long? before, int size, CancellationToken cancellationToken = default)
    {
        size = Math.Clamp(size, 1, MaxSize);
        var jobs = db.Jobs.AsNoTracking().Where(j => j.Site == site);
        if (before is { } id)
        {
            jobs = jobs.Where(j => j.Id < id);
        }

        var rows = await jobs.OrderByDescending(j => j.Id).Take(size + 1)
            .Select(j => new Entry(j.Id, j.Kind, j.Actor, j.State, j.Step, j.Done, j.Total, j.Message, j.InputName,
                j.ResultJson != null || j.ResultContent != null, j.CancelRequested, j.CreatedAt, j.StartedAt, j.FinishedAt))
            .ToListAsync(cancellationToken);
        return rows.Count > size ? new Page(rows[..size], rows[size - 1].Id, size) : new Page(rows, null, size);
    }
}
