using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Castellan.Web.Hosting;

/// <summary>
/// Admission control: at most <see cref="AdmissionOptions.Concurrency"/> requests are worked on at once; the next ones
/// wait their turn in arrival order (holding no database connection), and past <see cref="AdmissionOptions.QueueLimit"/>
/// waiting, a request is answered at once with 503 and Retry-After instead of waiting for seconds. Without it a busy
/// server interleaves every request it accepted: each await waits behind all of them for a thread, and a writer that
/// holds the audit chain's lock holds it for that long, so every other writer queues behind it. /healthz is not
/// limited, so a load balancer sees an overloaded instance as alive.
/// </summary>
internal static class Admission
{
    public static void Configure(RateLimiterOptions o, AdmissionOptions options)
    {
        var limiter = new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Concurrency,
            QueueLimit = options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal)
                ? RateLimitPartition.GetNoLimiter("healthz")
                : RateLimitPartition.GetConcurrencyLimiter("requests", _ => limiter));
        var onRejected = o.OnRejected;
        o.OnRejected = async (context, cancellationToken) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                // A per-client rate limit (sign-in, token creation): 429, try again when the window has moved on.
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                // The server is full: 503, come back in a second.
                context.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.HttpContext.Response.Headers.RetryAfter = "1";
            }

            if (onRejected is not null)
            {
                await onRejected(context, cancellationToken);
            }
        };
    }
}

/// <summary>How many requests one instance works on at once, and how many may wait.</summary>
public sealed record AdmissionOptions
{
    /// <summary>Requests worked on at once: enough to keep the cores and the database busy, few enough that each finishes quickly.</summary>
    public int Concurrency { get; init; } = Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>Requests that may wait for a turn; more are refused with 503 (at ~500 requests/s, 400 waiting is under a second).</summary>
    public int QueueLimit { get; init; } = 400;
}
