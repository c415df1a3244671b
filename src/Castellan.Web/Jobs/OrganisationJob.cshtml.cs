using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Castellan.Web.Jobs;

/// <summary>An organisation-wide job (an SoA import, a gap report): site jobs are not found here.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class OrganisationJobModel(CastellanDbContext db, TimeProvider clock, JobWorker worker) : JobPageModel(db, clock, worker)
{
    public Task<IActionResult> OnGetAsync(long job, CancellationToken cancellationToken) => ShowAsync("", job, cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(long job, CancellationToken cancellationToken) => CancelAsync("", job, cancellationToken);
}
