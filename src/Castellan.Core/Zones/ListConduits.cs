using Castellan.Core.Persistence;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Zones;

public sealed record ConduitSummary(Conduit Conduit, long Version);

/// <summary>The conduits of a site in document order, one page at a time (paged in SQL).</summary>
public sealed class ListConduits(CastellanDbContext db)
{
    public async Task<ObjectPage<ConduitSummary>> RunAsync(string site, int offset, int size, CancellationToken cancellationToken = default)
    {
        offset = Math.Max(0, offset);
        size = Math.Clamp(size, 1, ObjectPage<ConduitSummary>.MaxSize);
        var conduits = db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == "conduit");
        var total = await conduits.CountAsync(cancellationToken);
        var rows = await conduits.OrderBy(o => o.Position).ThenBy(o => o.Id).Skip(offset).Take(size)
            .Select(o => new { o.Json, o.Version }).ToListAsync(cancellationToken);
        return new ObjectPage<ConduitSummary>([.. rows.Select(r => new ConduitSummary(WorkspaceJson.Deserialize<Conduit>(r.Json), r.Version))], total, offset, size);
    }

    public Task<StoredObject<Conduit>?> FindAsync(string site, string id, CancellationToken cancellationToken = default) =>
        SiteObjectWrites.ReadAsync<Conduit>(db, site, "conduit", id, cancellationToken);

    /// <summary>The zone ids of the site, for the from/to choices of a conduit form (a site has hundreds, not millions).</summary>
    public async Task<IReadOnlyList<string>> ZoneIdsAsync(string site, CancellationToken cancellationToken = default) =>
        await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == "zone").OrderBy(o => o.Position).ThenBy(o => o.Id)
            .Select(o => o.Id).ToListAsync(cancellationToken);
}
