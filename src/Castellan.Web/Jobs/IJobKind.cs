using Castellan.Core.Common;
using Castellan.Core.Jobs;

namespace Castellan.Web.Jobs;

/// <summary>
/// One kind of job: what a worker runs for a queued job whose <see cref="JobRow.Kind"/> is <see cref="Kind"/>, and how
/// the job page shows its result. Each feature registers its kinds (e.g. the inventory preview in Assets/).
/// </summary>
public interface IJobKind
{
    string Kind { get; }

    /// <summary>What the job page calls such a job ("Inventory preview").</summary>
    string Title { get; }

    /// <summary>The partial view that shows a finished job's result (model: <see cref="JobResultView"/>).</summary>
    string ResultView { get; }

    /// <summary>
    /// Runs the job with the services of its own scope. Expected failures (a bad file, a stale edit) are thrown as the
    /// use cases throw them (InputException, UsageException, …) and become the job's message; a refusal with details
    /// (the refused rows) is returned as a failed <see cref="JobOutcome"/> with a result.
    /// </summary>
    Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken);
}

/// <summary>A claimed job, the services of its scope, and where it reports progress.</summary>
public sealed record JobRun(JobRow Job, IServiceProvider Services, IProgress<WorkProgress> Progress);

/// <summary>How a job ended: succeeded or not, a message for users, a JSON result and/or a file.</summary>
public sealed record JobOutcome(bool Succeeded, string? Message, string? ResultJson = null, string? FileName = null, string? ContentType = null, byte[]? Content = null);

/// <summary>What a job kind's result view gets: the job, its JSON result (null when it has none) and the links for it.</summary>
public sealed record JobResultView(ShowJob.Status Job, string? ResultJson, string? FileName)
{
    public string ResultUrl => JobLinks.Result(Job.Site, Job.Id);
}
