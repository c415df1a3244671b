using Microsoft.AspNetCore.Http;

namespace Castellan.Web.Hosting;

/// <summary>
/// Admission control: at most <see cref="AdmissionOptions.Concurrency"/> reads and <see cref="AdmissionOptions.ChangesAtOnce"/> changes are worked on at once; the next ones
/// wait their turn in arrival order, holding no database connection. A request that could not start within
/// <see cref="AdmissionOptions.MaxWait"/>, or that finds <see cref="AdmissionOptions.QueueLimit"/> already waiting, is
/// answered 503 with Retry-After: an overloaded instance says so within a second instead of making everyone wait.
/// Without it a busy server interleaves every request it accepted: each await waits behind all of them for a thread,
/// and a writer holding the audit chain's lock holds it that long, so every other writer queues behind it.
/// /healthz is never held back, so a load balancer sees a busy instance as alive.
/// </summary>
internal sealed class Admission(AdmissionOptions options, Castellan.Core.Persistence.DatabaseProvider provider) : IDisposable
{
    private readonly Lane reads = new(options.ConcurrencyFor(provider));
    private readonly Lane writes = new(Math.Min(options.ConcurrencyFor(provider), AdmissionOptions.ChangesAtOnce));

    public async Task HoldAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var lane = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ? reads : writes;
        if (!lane.Permits.Wait(0) && !await WaitForTurnAsync(lane, context))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            lane.Permits.Release();
        }
    }

    public void Dispose()
    {
        reads.Dispose();
        writes.Dispose();
    }

    private async Task<bool> WaitForTurnAsync(Lane lane, HttpContext context)
    {
        try
        {
            return Interlocked.Increment(ref lane.Waiting) <= options.QueueLimit
                && await lane.Permits.WaitAsync(options.MaxWait, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return false; // the client gave up waiting; nobody reads the answer
        }
        finally
        {
            Interlocked.Decrement(ref lane.Waiting);
        }
    }

    /// <summary>
    /// Reads and changes are admitted separately: changes wait for the database's write lock one after the other, and
    /// a burst of them must not take every place from the people who are reading.
    /// </summary>
    private sealed class Lane(int permits) : IDisposable
    {
        public readonly SemaphoreSlim Permits = new(permits, permits);
        public int Waiting;

        public void Dispose() => Permits.Dispose();
    }
}

/// <summary>How many requests one instance works on at once, and how long and how many may wait.</summary>
public sealed record AdmissionOptions
{
    /// <summary>
    /// Requests worked on at once: enough to keep the cores and the database busy, few enough that each finishes
    /// quickly. Null: 4 per core (at least 8) on SQLite, whose queries run on this process's cores; 16 per core (at
    /// least 32) on PostgreSQL, where a request spends much of its time waiting for the database server.
    /// </summary>
    public int? Concurrency { get; init; }

    public int ConcurrencyFor(Castellan.Core.Persistence.DatabaseProvider provider) => Concurrency ?? (provider == Castellan.Core.Persistence.DatabaseProvider.Sqlite
        ? Math.Max(8, 4 * Environment.ProcessorCount)
        : Math.Max(32, 16 * Environment.ProcessorCount));

    /// <summary>
    /// Changes worked on at once (when <see cref="Concurrency"/> is not lower): every audited change takes the audit
    /// chain's lock in turn, so more would only wait there, and on a busy server make the one holding it wait longer
    /// for a thread. A few let one change be read and checked while another commits.
    /// </summary>
    public const int ChangesAtOnce = 4;

    /// <summary>Requests that may wait for a turn; the next are refused at once.</summary>
    public int QueueLimit { get; init; } = 1000;

    /// <summary>How long a request may wait for a turn before it is refused.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMilliseconds(750);
}
