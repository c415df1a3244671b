using Castellan.Core.Audit;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Audit;

[Authorize(Policy = Policies.OrganisationReadAudit)]
public sealed class AuditPageModel(CastellanDbContext db) : PageModel
{
    public AuditApi.Page Records { get; private set; } = new([], null);

    public VerifyAuditChain.Outcome? Verification { get; private set; }

    public async Task OnGetAsync(long? before, bool verify, CancellationToken cancellationToken)
    {
        Records = await AuditApi.ReadAsync(db.AuditRecords, before, 100, cancellationToken);
        if (verify)
        {
            Verification = await new VerifyAuditChain(db).RunAsync(cancellationToken);
        }
    }
}
