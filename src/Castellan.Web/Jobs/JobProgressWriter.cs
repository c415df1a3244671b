using System.Diagnostics;
using Castellan.Core.Common;
using Castellan.Core.Jobs;
using Castellan.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Castellan.Web.Jobs;

/// <summary>
/// The progress of one running job. <see cref="Report"/> only keeps the latest figures (the job never waits for the
/// database); a loop writes them to the job's row at most every <see cref="JobOptions.ProgressInterval"/>, and a
/// heartbeat at least every <see cref="JobOptions.HeartbeatInterval"/>; at the other ticks it only reads the row. When
/// the row says the job is no longer this instance's to run (cancel requested, or failed as stale), it stops the job
/// through <paramref name="job"/>.
/// </summary>
internal sealed partial class JobProgressWriter(IServiceScopeFactory scopes, TimeProvider clock, JobOptions options, long id,
    CancellationTokenSource job, ILogger logger) : IProgress<WorkProgress>
{
    private readonly Lock _lock = new();
    private WorkProgress? _latest;
    private bool _changed;

    public bool CancelRequested { get; private set; }

    public WorkProgress? Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    public void Report(WorkProgress value)
    {
        lock (_lock)
        {
            _latest = value;
            _changed = true;
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var written = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.ProgressInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            WorkProgress? report;
            lock (_lock)
            {
                report = _changed ? _latest : null;
                _changed = false;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var record = new RecordJobProgress(scope.ServiceProvider.GetRequiredService<CastellanDbContext>(), clock);
                // Without new figures and before the next heartbeat is due, a read (no write lock) still notices a cancel at once.
                var write = report is not null || Stopwatch.GetElapsedTime(written) >= options.HeartbeatInterval;
                var ours = write
                    ? await record.RunAsync(id, options.Instance, report, CancellationToken.None)
                    : await record.StillOursAsync(id, options.Instance, CancellationToken.None);
                if (!ours)
                {
                    CancelRequested = await record.CancelRequestedAsync(id, CancellationToken.None);
                    await job.CancelAsync();
                    return;
                }

                if (write)
                {
                    written = Stopwatch.GetTimestamp();
                }
            }
            catch (Exception e)
            {
                // E.g. SQLite busy behind a long write transaction: the next tick tries again.
                LogWriteFailed(logger, e, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the progress of job {Id}; trying again")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, long id);
}
