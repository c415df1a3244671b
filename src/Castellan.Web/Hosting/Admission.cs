using Microsoft.AspNetCore.Http;

namespace Castellan.Web.Hosting;

/// <summary>
/// Admission control: at most <see cref="AdmissionOptions.Concurrency"/> requests are worked on at once; the next ones
/// wait their turn in arrival order, holding no database connection. A request that could not start within
/// <see cref="AdmissionOptions.MaxWait"/>, or that finds <see cref="AdmissionOptions.QueueLimit"/> already waiting, is
/// answered 503 with Retry-After: an overloaded instance says so within a second instead of making everyone wait.
/// Without it a busy server interleaves every request it accepted: each await waits behind all of them for a thread,
/// and a writer holding the audit chain's lock holds it that long, so every other writer queues behind it.
/// /healthz is never held back, so a load balancer sees a busy instance as alive.
/// </summary>
internal sealed class Admission(AdmissionOptions options) : IDisposable
{
    private readonly SemaphoreSlim permits = new(options.Concurrency, options.Concurrency);
    private int waiting;

    public async Task HoldAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        if (!permits.Wait(0) && !await WaitForTurnAsync(context))
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
            permits.Release();
        }
    }

    public void Dispose() => permits.Dispose();

    private async Task<bool> WaitForTurnAsync(HttpContext context)
    {
        try
        {
            return Interlocked.Increment(ref waiting) <= options.QueueLimit
                && await permits.WaitAsync(options.MaxWait, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return false; // the client gave up waiting; nobody reads the answer
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }
}

/// <summary>How many requests one instance works on at once, and how long and how many may wait.</summary>
public sealed record AdmissionOptions
{
    /// <summary>Requests worked on at once: enough to keep the cores and the database busy, few enough that each finishes quickly.</summary>
    public int Concurrency { get; init; } = Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>Requests that may wait for a turn; the next are refused at once.</summary>
    public int QueueLimit { get; init; } = 1000;

    /// <summary>How long a request may wait for a turn before it is refused.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMilliseconds(750);
}
