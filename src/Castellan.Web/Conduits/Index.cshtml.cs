using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Web.Authorization;
using Castellan.Web.Zones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Conduits;

[Authorize(Policy = Policies.SiteRead)]
public sealed class ConduitsPageModel(CastellanDbContext db, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    public string Site { get; private set; } = "";

    public ObjectPage<ConduitSummary> Conduits { get; private set; } = new([], 0, 0, PageSize);

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(string site, int offset, CancellationToken cancellationToken)
    {
        Site = site;
        Conduits = await new ListConduits(db).RunAsync(site, offset, PageSize, cancellationToken);
        CanEdit = await FormLists.CanEditAsync(authorization, User, HttpContext);
    }
}
