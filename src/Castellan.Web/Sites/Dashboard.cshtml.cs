using System.Security.Claims;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Sites;

/// <summary>The site at a glance. Counts come from the database; nothing is loaded whole.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class DashboardModel(UserGrants grants, CastellanDbContext db) : PageModel
{
    public SiteSummary Site { get; private set; } = new("", "");

    public IReadOnlyList<KeyValuePair<string, int>> Counts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string site, CancellationToken cancellationToken)
    {
        var sites = await grants.ReadableSitesAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        if (sites.FirstOrDefault(s => s.Id == site) is not { } found)
        {
            return NotFound();
        }

        Site = found;
        var counts = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind != "site")
            .GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        Counts = [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new KeyValuePair<string, int>(c.Key + "s", c.Count))];
        return Page();
    }
}
