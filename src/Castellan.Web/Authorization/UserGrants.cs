using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Authorization;

/// <summary>The signed-in user's grants, read once per request from the database (never cached across requests).</summary>
public sealed class UserGrants(CastellanDbContext db)
{
    /// <summary>
    /// Every site page and endpoint asks this: compiled (<see cref="PerModel{TQuery}"/>), so that a request neither
    /// builds the expression tree again nor has EF Core hash it to find the cached query.
    /// </summary>
    private static readonly PerModel<Func<CastellanDbContext, string, string, IAsyncEnumerable<GrantAtSite>>> GrantsAtSite = new(() => EF.CompileAsyncQuery(
        (CastellanDbContext db, string userId, string site) => db.SiteRoles.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Select(r => new GrantAtSite(r.Site, r.Role, db.WorkspaceObjects.Any(o => o.Site == site && o.Kind == "site")))));

    private readonly Dictionary<string, IReadOnlyList<(string Site, SiteRole Role)>> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _sites = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<(string Site, SiteRole Role)>> ForUserAsync(string userId, CancellationToken cancellationToken)
    {
        if (!_byUser.TryGetValue(userId, out var grants))
        {
            var rows = await db.SiteRoles.AsNoTracking().Where(r => r.UserId == userId).Select(r => new { r.Site, r.Role }).ToListAsync(cancellationToken);
            grants = [.. rows.Select(r => SiteRoles.TryParse(r.Role, out var role) ? (r.Site, role) : ((string, SiteRole)?)null).OfType<(string, SiteRole)>()];
            _byUser[userId] = grants;
        }

        return grants;
    }

    /// <summary>
    /// The user's grants and whether <paramref name="site"/> exists, in one round trip (every site page and endpoint
    /// asks both). A user without grants reads as holding none, whatever the site.
    /// </summary>
    public async Task<IReadOnlyList<(string Site, SiteRole Role)>> ForUserAtSiteAsync(string userId, string site, CancellationToken cancellationToken)
    {
        if (_byUser.TryGetValue(userId, out var known) && _sites.ContainsKey(site))
        {
            return known;
        }

        var rows = new List<GrantAtSite>();
        await foreach (var row in GrantsAtSite.For(db)(db, userId, site).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        IReadOnlyList<(string Site, SiteRole Role)> grants = [.. rows.Select(r => SiteRoles.TryParse(r.Role, out var role) ? (r.Site, role) : ((string, SiteRole)?)null).OfType<(string, SiteRole)>()];
        _byUser[userId] = grants;
        if (rows.Count > 0)
        {
            _sites[site] = rows[0].SiteExists;
        }

        return grants;
    }

    /// <summary>The sites this user may read, in the order of the workspace.</summary>
    public async Task<IReadOnlyList<SiteSummary>> ReadableSitesAsync(string userId, CancellationToken cancellationToken)
    {
        var grants = await ForUserAsync(userId, cancellationToken);
        var all = grants.Any(g => g.Site == SiteRoles.AllSites);
        var named = grants.Select(g => g.Site).ToList();
        return await db.WorkspaceObjects.AsNoTracking()
            .Where(o => o.Kind == "site" && (all || named.Contains(o.Site)))
            .OrderBy(o => o.Position).ThenBy(o => o.Site)
            .Select(o => new SiteSummary(o.Site, o.Name ?? o.Site))
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> SiteExistsAsync(string site, CancellationToken cancellationToken)
    {
        if (!_sites.TryGetValue(site, out var exists))
        {
            exists = await SiteRow(site).AnyAsync(cancellationToken);
            _sites[site] = exists;
        }

        return exists;
    }

    private IQueryable<Core.Persistence.WorkspaceObjectRow> SiteRow(string site) => db.WorkspaceObjects.Where(o => o.Site == site && o.Kind == "site");
}

public sealed record SiteSummary(string Id, string Name);

internal sealed record GrantAtSite(string Site, string Role, bool SiteExists);
