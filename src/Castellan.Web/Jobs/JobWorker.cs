using Castellan.Core.Assets;
using Castellan.Core.Common;
using Castellan.Core.Jobs;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Castellan.Web.Jobs;

/// <summary>
/// Runs queued jobs on this server instance, outside any request, at most <see cref="JobOptions.Workers"/> at a time.
/// It claims jobs from the shared table (so several instances share the queue and each job runs once), runs each in
/// its own service scope with a <see cref="JobProgressWriter"/>, and records how it ended. Every heartbeat interval it
/// also fails other instances' stale jobs and deletes old finished ones. Stopping the host stops the running jobs:
/// their changes are all or nothing, so they end as failed, having written nothing.
/// </summary>
public sealed partial class JobWorker(IServiceScopeFactory scopes, JobOptions options, TimeProvider clock, IEnumerable<IJobKind> kinds, ILogger<JobWorker> logger)
    : BackgroundService
{
    private readonly Dictionary<string, IJobKind> _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);

    public IJobKind? Find(string kind) => _kinds.GetValueOrDefault(kind);

    /// <summary>Looks for queued jobs now instead of at the next poll (a job was queued here, or one finished).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // The host is stopping: the job stays queued for the next instance (or this one's next start).
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        long? maintained = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (maintained is not { } at || System.Diagnostics.Stopwatch.GetElapsedTime(at) >= options.HeartbeatInterval)
                {
                    await MaintainAsync(stoppingToken);
                    maintained = System.Diagnostics.Stopwatch.GetTimestamp();
                }

                running.RemoveAll(t => t.IsCompleted);
                while (running.Count < options.Workers && await ClaimAsync(stoppingToken) is { } job)
                {
                    running.Add(Task.Run(() => RunAsync(job, stoppingToken), CancellationToken.None));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogLoopFailed(logger, e);
            }

            try
            {
                await _wake.WaitAsync(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(running);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CastellanDbContext>();
        await new FailStaleJobs(db, clock).RunAsync(options.StaleAfter, cancellationToken);
        await new DeleteFinishedJobs(db, clock).RunAsync(options.KeepFinished, cancellationToken);
        await new ImportInventory(db, clock).DiscardStaleStagesAsync(options.KeepStaged, cancellationToken);
    }

    private async Task<JobRow?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await new ClaimJob(scope.ServiceProvider.GetRequiredService<CastellanDbContext>(), clock).RunAsync(options.Instance, _kinds.Keys, cancellationToken);
    }

    private async Task RunAsync(JobRow job, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopWriter = new CancellationTokenSource();
        var progress = new JobProgressWriter(scopes, clock, options, job.Id, stop, logger);
        var writing = progress.RunAsync(stopWriter.Token);
        FinishJob.Ending ending;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await _kinds[job.Kind].RunAsync(new JobRun(job, scope.ServiceProvider, progress), stop.Token);
            ending = new FinishJob.Ending(outcome.Succeeded ? JobState.Succeeded : JobState.Failed, outcome.Message, outcome.ResultJson,
                outcome.FileName, outcome.ContentType, outcome.Content, progress.Latest);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            ending = progress.CancelRequested
                ? new FinishJob.Ending(JobState.Cancelled, $"cancelled while it ran{Where(progress.Latest)}; nothing was written", Progress: progress.Latest)
                : new FinishJob.Ending(JobState.Failed, $"the server stopped while the job ran{Where(progress.Latest)}; nothing was written. Start it again.",
                    Progress: progress.Latest);
        }
        catch (Exception e) when (e is InputException or EditConflictException or DbUpdateConcurrencyException)
        {
            ending = new FinishJob.Ending(JobState.Failed, e is DbUpdateConcurrencyException
                ? "someone else changed the same objects while the job ran; nothing was written. Start it again."
                : e.Message, Progress: progress.Latest);
        }
        catch (Exception e)
        {
            LogJobFailed(logger, e, job.Id, job.Kind);
            ending = new FinishJob.Ending(JobState.Failed, $"the job failed unexpectedly{Where(progress.Latest)}; the error was logged on the server (job {job.Id}).",
                Progress: progress.Latest);
        }

        await stopWriter.CancelAsync();
        await writing;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await new FinishJob(scope.ServiceProvider.GetRequiredService<CastellanDbContext>(), clock).RunAsync(job.Id, options.Instance, ending, CancellationToken.None))
            {
                LogJobLost(logger, job.Id, job.Kind, ending.State);
            }
        }
        catch (Exception e)
        {
            LogJobFailed(logger, e, job.Id, job.Kind);
        }

        Wake();
    }

    private static string Where(WorkProgress? progress) => progress is { } p ? $" (while {p.Step})" : "";

    [LoggerMessage(Level = LogLevel.Error, Message = "The job worker's loop failed; it tries again at the next poll")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Id} ({Kind}) failed")]
    internal static partial void LogJobFailed(ILogger logger, Exception exception, long id, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Id} ({Kind}) ended as {State}, but it was no longer this instance's (failed as stale meanwhile)")]
    private static partial void LogJobLost(ILogger logger, long id, string kind, string state);
}
