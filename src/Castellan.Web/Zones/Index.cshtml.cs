using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.SecurityLevels;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Zones;

/// <summary>The zones of a site, paged at the database; SL-A from the site's check.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class ZonesPageModel(CastellanDbContext db, SiteChecks checks, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    public string Site { get; private set; } = "";

    public ObjectPage<ZoneSummary> Zones { get; private set; } = new([], 0, 0, PageSize);

    public IReadOnlyDictionary<string, ZoneLevels> Levels { get; private set; } = new Dictionary<string, ZoneLevels>();

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(string site, int offset, CancellationToken cancellationToken)
    {
        Site = site;
        Zones = await new ListZones(db).RunAsync(site, offset, PageSize, cancellationToken);
        Levels = (await checks.GetAsync(db, site, allowStale: true, cancellationToken)).Levels;
        CanEdit = await FormLists.CanEditAsync(authorization, User, HttpContext);
    }
}
