using System.Globalization;
using Castellan.Core.Common;
using Castellan.Core.Jobs;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Jobs;

/// <summary>
/// What the job pages show (a site's job and an organisation job differ only in their route and policy): the state,
/// a progress bar while the job runs (the page reloads itself every second with a meta refresh — no script), and the
/// result as the job's kind shows it once it has finished.
/// </summary>
public abstract class JobPageModel(CastellanDbContext db, TimeProvider clock, JobWorker worker) : PageModel
{
    /// <summary>Seconds between reloads of the page while the job is queued or running.</summary>
    public const int RefreshSeconds = 1;

    public ShowJob.Status Job { get; private set; } = null!;

    public IJobKind? Kind { get; private set; }

    public JobResultView? Result { get; private set; }

    public string Title => Kind?.Title ?? Job.Kind;

    public bool CanCancel => !Job.IsFinished && !Job.CancelRequested && Job.UserId == StartJob.UserId(User) && User.FindFirst(WebClaims.TokenScope) is null;

    /// <summary>"1,200 of 100,000 rows" style figures for the current step, or null when its size is unknown.</summary>
    public string? Figures => Job.Total > 0
        ? $"{Job.Done.ToString("N0", CultureInfo.InvariantCulture)} of {Job.Total.ToString("N0", CultureInfo.InvariantCulture)} ({Job.Done * 100 / Job.Total} %)"
        : null;

    public static string Time(DateTime? at) => at is { } value ? JobsApi.Utc(value).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "–";

    protected async Task<IActionResult> ShowAsync(string site, long job, CancellationToken cancellationToken)
    {
        var show = new ShowJob(db);
        try
        {
            Job = await show.RunAsync(site, job, cancellationToken);
        }
        catch (UsageException)
        {
            return NotFound();
        }

        Kind = worker.Find(Job.Kind);
        if (Job.IsFinished && Job.HasResult)
        {
            var result = await show.ResultAsync(site, job, content: false, cancellationToken);
            Result = new JobResultView(Job, result.Json, result.FileName);
        }

        return Page();
    }

    protected async Task<IActionResult> CancelAsync(string site, long job, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await new CancelJob(db, clock).RunAsync(site, job, StartJob.UserId(User), WebClaims.Actor(User), cancellationToken);
            return outcome == CancelJob.Outcome.NotStarter ? Forbid() : Redirect(JobLinks.Page(site, job));
        }
        catch (UsageException)
        {
            return NotFound();
        }
    }
}
