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
    // The zones list is read on every visit of a site's zones (page and API): compiled, see PerModel.
    private static readonly PerModel<Func<CastellanDbContext, string, Task<int>>> Count = new(() => EF.CompileAsyncQuery(
        (CastellanDbContext db, string site) => db.WorkspaceObjects.Count(o => o.Site == site && o.Kind == "zone")));

    // Each zone's asset count in the same statement: a correlated count over the (site, kind, zone, id) index.
    private static readonly PerModel<Func<CastellanDbContext, string, int, int, IAsyncEnumerable<ZoneRow>>> Page = new(() => EF.CompileAsyncQuery(
        (CastellanDbContext db, string site, int offset, int size) => db.WorkspaceObjects.AsNoTracking()
            .Where(o => o.Site == site && o.Kind == "zone")
            .OrderBy(o => o.Position).ThenBy(o => o.Id).Skip(offset).Take(size)
            .Select(o => new ZoneRow(o.Json, o.Version, db.WorkspaceObjects.Count(a => a.Site == site && a.Kind == "asset" && a.Zone == o.Id)))));

    public async Task<ObjectPage<ZoneSummary>> RunAsync(string site, int offset, int size, CancellationToken cancellationToken = default)
    {
        offset = Math.Max(0, offset);
        size = Math.Clamp(size, 1, ObjectPage<ZoneSummary>.MaxSize);
        var total = await Count.For(db)(db, site);
        var items = new List<ZoneSummary>();
        await foreach (var row in Page.For(db)(db, site, offset, size).WithCancellation(cancellationToken))
        {
            items.Add(new ZoneSummary(WorkspaceJson.Deserialize<Zone>(row.Json), row.Version, row.Assets));
        }

        return new ObjectPage<ZoneSummary>(items, total, offset, size);
    }

    private sealed record ZoneRow(string Json, long Version, int Assets);

    /// <summary>One zone with its version, or null when the site has no such zone.</summary>
    public Task<StoredObject<Zone>?> FindAsync(string site, string id, CancellationToken cancellationToken = default) =>
        SiteObjectWrites.ReadAsync<Zone>(db, site, "zone", id, cancellationToken);
}
