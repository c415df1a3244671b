using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Zones;
using Castellan.Web.Authorization;
using Castellan.Web.Zones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Conduits;

[Authorize(Policy = Policies.SiteRead)]
public sealed class ConduitDetailModel(CastellanDbContext db, IAuthorizationService authorization) : PageModel
{
    public StoredObject<Conduit>? Conduit { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string site, string conduit, CancellationToken cancellationToken)
    {
        Conduit = await new ListConduits(db).FindAsync(site, conduit, cancellationToken);
        if (Conduit is null)
        {
            return NotFound();
        }

        CanEdit = await FormLists.CanEditAsync(authorization, User, HttpContext);
        return Page();
    }
}
