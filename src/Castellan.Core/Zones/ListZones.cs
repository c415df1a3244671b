using Castellan.Core.Persistence;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Zones;

/// <summary>One page of a list, cut at the database.</summary>
public sealed record ObjectPage<T>(IReadOnlyList<T> Items, int Total, int Offset, int Size)
{
    public const int MaxSize = 500;

    public bool HasNext => Offset + Items.Count < Total;
}

/// <summary>A zone in a list: the zone, the version an edit must name, and how many assets it holds.</summary>
public sealed record ZoneSummary(Zone Zone, long Version, int Assets);

/// <summary>The zones of a site in document order, one page at a time (paged in SQL), with their asset counts.</summary>
public sealed class ListZones(CastellanDbContext db)
{
    public async Task<ObjectPage<ZoneSummary>> RunAsync(string site, int offset, int size, CancellationToken cancellationToken = default)
    {
        offset = Math.Max(0, offset);
        size = Math.Clamp(size, 1, ObjectPage<ZoneSummary>.MaxSize);
        var zones = db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == "zone");
        var total = await zones.CountAsync(cancellationToken);
        var rows = await zones.OrderBy(o => o.Position).ThenBy(o => o.Id).Skip(offset).Take(size)
            .Select(o => new { o.Id, o.Json, o.Version }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == "asset" && o.Zone != null && ids.Contains(o.Zone))
            .GroupBy(o => o.Zone!).Select(g => new { Zone = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Zone, g => g.Count, cancellationToken);
        return new ObjectPage<ZoneSummary>([.. rows.Select(r => new ZoneSummary(WorkspaceJson.Deserialize<Zone>(r.Json), r.Version, counts.GetValueOrDefault(r.Id)))],
            total, offset, size);
    }

    /// <summary>One zone with its version, or null when the site has no such zone.</summary>
    public Task<StoredObject<Zone>?> FindAsync(string site, string id, CancellationToken cancellationToken = default) =>
        SiteObjectWrites.ReadAsync<Zone>(db, site, "zone", id, cancellationToken);
}
