using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Audit;

/// <summary>The audit records of one site, newest first, paged by sequence at the database.</summary>
[Authorize(Policy = Policies.SiteReadAudit)]
public sealed class SiteAuditModel(CastellanDbContext db) : PageModel
{
    public string Site { get; private set; } = "";

    public AuditApi.Page Records { get; private set; } = new([], null);

    public async Task OnGetAsync(string site, long? before, CancellationToken cancellationToken)
    {
        Site = site;
        Records = await AuditApi.ReadAsync(db.AuditRecords.Where(r => r.Site == site), before, 100, cancellationToken);
    }
}
