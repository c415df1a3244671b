using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Castellan.Web.Jobs;

/// <summary>A job of one site (an inventory import): another site's job is not found.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class SiteJobModel(CastellanDbContext db, TimeProvider clock, JobWorker worker) : JobPageModel(db, clock, worker)
{
    public Task<IActionResult> OnGetAsync(string site, long job, CancellationToken cancellationToken) => ShowAsync(site, job, cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(string site, long job, CancellationToken cancellationToken) => CancelAsync(site, job, cancellationToken);
}
