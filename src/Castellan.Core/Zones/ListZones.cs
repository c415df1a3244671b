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
        // Each zone's asset count in the same statement: a correlated count over the (site, kind, zone, id) index.
        var rows = await zones.OrderBy(o => o.Position).ThenBy(o => o.Id).Skip(offset).Take(size)
            .Select(o => new { o.Id, o.Json, o.Version, Assets = db.WorkspaceObjects.Count(a => a.Site == site && a.Kind == "asset" && a.Zone == o.Id) })
            .ToListAsync(cancellationToken);
        return new ObjectPage<ZoneSummary>([.. rows.Select(r => new ZoneSummary(WorkspaceJson.Deserialize<Zone>(r.Json), r.Version, r.Assets))],
            total, offset, size);
    }

    /// <summary>One zone with its version, or null when the site has no such zone.</summary>
    public Task<StoredObject<Zone>?> FindAsync(string site, string id, CancellationToken cancellationToken = default) =>
        SiteObjectWrites.ReadAsync<Zone>(db, site, "zone", id, cancellationToken);
}
