using System.Security.Claims;
using Castellan.Core.Persistence;
using Castellan.Domain.SecurityLevels;
using Castellan.Web.Authorization;
using Castellan.Web.Zones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Sites;

/// <summary>
/// The site at a glance: counts, open findings by severity, zones below SL-T, top risks. All of it comes from the
/// site's check (SiteChecks), computed once per change of the site and validated against the database on every
/// request, so a 100,000-asset site costs a request two index seeks, not a load of the workspace.
/// </summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class DashboardModel(UserGrants grants, CastellanDbContext db, SiteChecks checks) : PageModel
{
    public const int ShortfallRows = 15;

    public SiteSummary Site { get; private set; } = new("", "");

    public IReadOnlyList<KeyValuePair<string, int>> Counts { get; private set; } = [];

    public SiteChecks.Result Check { get; private set; } = null!;

    public int ZoneCount { get; private set; }

    public int ZonesMeetingTarget { get; private set; }

    public int ZonesWithoutTarget { get; private set; }

    /// <summary>The zones furthest below their SL-T (sum of the gap over the FRs), worst first.</summary>
    public IReadOnlyList<ZoneLevels> Shortfalls { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string site, CancellationToken cancellationToken)
    {
        var sites = await grants.ReadableSitesAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        if (sites.FirstOrDefault(s => s.Id == site) is not { } found)
        {
            return NotFound();
        }

        Site = found;
        Check = await checks.GetAsync(db, site, allowStale: true, cancellationToken);
        Counts = [.. Check.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new KeyValuePair<string, int>(c.Key + "s", c.Value))];
        var zones = Check.Outcome.Report.Zones;
        ZoneCount = zones.Count;
        ZonesWithoutTarget = zones.Count(z => z.Slt is null);
        ZonesMeetingTarget = zones.Count(z => z.Gap is { Max: 0 });
        Shortfalls = [.. zones.Where(z => z.Gap is { Max: > 0 }).OrderByDescending(z => z.Gap!.Value.Levels.Sum()).ThenBy(z => z.Zone, StringComparer.Ordinal).Take(ShortfallRows)];
        return Page();
    }

    public string Band(int band) => Check.Matrix is { } m && band >= 0 && band < m.Bands.Count ? m.Bands[band] : band.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
