using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Zones;

[Authorize(Policy = Policies.SiteRead)]
public sealed class ZoneDetailModel(CastellanDbContext db, SiteChecks checks, IAuthorizationService authorization) : PageModel
{
    public StoredObject<Zone>? Zone { get; private set; }

    public ZoneLevels? Levels { get; private set; }

    public int Assets { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string site, string zone, CancellationToken cancellationToken)
    {
        Zone = await new ListZones(db).FindAsync(site, zone, cancellationToken);
        if (Zone is null)
        {
            return NotFound();
        }

        var check = await checks.GetAsync(db, site, allowStale: true, cancellationToken);
        Levels = check.Levels.GetValueOrDefault(zone);
        Assets = check.Outcome.Workspace.Assets.Count(a => a.Zone == zone);
        CanEdit = await FormLists.CanEditAsync(authorization, User, HttpContext);
        return Page();
    }
}
