using System.Globalization;
using Castellan.Core.Jobs;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Jobs;

/// <summary>
/// The jobs of a site or of the organisation, newest first, 50 a page: what is running, waiting, or finished while
/// nobody watched (a job's page shows its progress and result). A site's list and the organisation's differ only in
/// their route and policy.
/// </summary>
public abstract class JobListModel(CastellanDbContext db, JobWorker worker) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The site ("" for the organisation's jobs).</summary>
    public string Site { get; private set; } = "";

    public ListJobs.Page Jobs { get; private set; } = new([], null, PageSize);

    public string Title(ListJobs.Entry job) => worker.Find(job.Kind)?.Title ?? job.Kind;

    public string Link(ListJobs.Entry job) => JobLinks.Page(Site, job.Id);

    /// <summary>How far a running job is ("1,200 of 100,000"), else its message.</summary>
    public static string? Detail(ListJobs.Entry job) => !job.IsFinished && job.Total > 0
        ? $"{job.Step}: {job.Done.ToString("N0", CultureInfo.InvariantCulture)} of {job.Total.ToString("N0", CultureInfo.InvariantCulture)}"
        : job.IsFinished ? job.Message : job.Step;

    protected async Task ListAsync(string site, long? before, CancellationToken cancellationToken)
    {
        Site = site;
        Jobs = await new ListJobs(db).RunAsync(site, before, PageSize, cancellationToken);
    }
}

/// <summary>/sites/{site}/jobs.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class SiteJobListModel(CastellanDbContext db, JobWorker worker) : JobListModel(db, worker)
{
    public Task OnGetAsync(string site, long? before, CancellationToken cancellationToken) => ListAsync(site, before, cancellationToken);
}

/// <summary>/jobs: the organisation's jobs (SoA imports, gap reports).</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class OrganisationJobListModel(CastellanDbContext db, JobWorker worker) : JobListModel(db, worker)
{
    public Task OnGetAsync(long? before, CancellationToken cancellationToken) => ListAsync("", before, cancellationToken);
}
