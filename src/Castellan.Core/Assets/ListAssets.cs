using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Assets;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Assets;

/// <summary>
/// One page of a site's assets, sorted and filtered in SQL over workspace_objects (kind "asset"): the Name and Zone
/// columns and the (site, kind, name) / (site, kind, zone) indexes exist for this. Only the page's rows are read.
/// </summary>
public sealed class ListAssets(CastellanDbContext db)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const string AssetKind = "asset";

    /// <summary>Sort keys; a leading '-' sorts descending. Ties break on the id, so pages never overlap.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["id", "name", "zone"];

    public sealed record Query(int Page = 1, int Size = DefaultPageSize, string Sort = "id", string? Zone = null, string? Text = null);

    public sealed record Item(string Id, string Name, string? Zone, string Type, string? Vendor, string? Model, string? Firmware, IReadOnlyList<string> Ips);

    public sealed record Page(IReadOnlyList<Item> Items, int PageNumber, int Size, int Total, string Sort, string? Zone, string? Text)
    {
        public int Pages => Math.Max(1, (Total + Size - 1) / Size);
    }

    public async Task<Page> RunAsync(string site, Query query, CancellationToken cancellationToken = default)
    {
        if (query.Page < 1)
        {
            throw new InputException($"page: {query.Page} is not a page number (1 or more)");
        }

        if (query.Size is < 1 or > MaxPageSize)
        {
            throw new InputException($"size: {query.Size} is not between 1 and {MaxPageSize}");
        }

        var sort = string.IsNullOrEmpty(query.Sort) ? "id" : query.Sort;
        var descending = sort.StartsWith('-');
        var key = descending ? sort[1..] : sort;
        if (!SortKeys.Contains(key, StringComparer.Ordinal))
        {
            throw new InputException($"sort: '{sort}' is not one of {string.Join(", ", SortKeys)} (prefix '-' to sort descending)");
        }

        var rows = db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == AssetKind);
        var zone = string.IsNullOrWhiteSpace(query.Zone) ? null : query.Zone.Trim();
        if (zone is not null)
        {
            rows = rows.Where(o => o.Zone == zone);
        }

        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim().ToLowerInvariant();
        if (text is not null)
        {
            // Lower-cased LIKE: case-insensitive on both providers (PostgreSQL's LIKE is case-sensitive).
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            rows = rows.Where(o => EF.Functions.Like(o.Id.ToLower(), pattern, "\\") || (o.Name != null && EF.Functions.Like(o.Name.ToLower(), pattern, "\\")));
        }

        var total = await rows.CountAsync(cancellationToken);

        IOrderedQueryable<WorkspaceObjectRow> Ordered(IQueryable<WorkspaceObjectRow> q) => (key, descending) switch
        {
            ("name", false) => q.OrderBy(o => o.Name).ThenBy(o => o.Id),
            ("name", true) => q.OrderByDescending(o => o.Name).ThenByDescending(o => o.Id),
            ("zone", false) => q.OrderBy(o => o.Zone).ThenBy(o => o.Id),
            ("zone", true) => q.OrderByDescending(o => o.Zone).ThenByDescending(o => o.Id),
            (_, false) => q.OrderBy(o => o.Id),
            (_, true) => q.OrderByDescending(o => o.Id),
        };

        // One statement: the page's ids come from the covering (site, kind, name|zone, id) index in a subquery (skipping
        // index entries is cheap; skipping table rows to sort them is not), then only those rows' JSON is read, sorted
        // again by the database (same order, same collation) — 50 rows.
        var pageIds = Ordered(rows).Skip((query.Page - 1) * query.Size).Take(query.Size).Select(o => o.Id);
        var inOrder = await Ordered(db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == AssetKind && pageIds.Contains(o.Id)))
            .Select(o => o.Json).ToListAsync(cancellationToken);
        var items = inOrder.Select(WorkspaceJson.Deserialize<Asset>)
            .Select(a => new Item(a.Id, a.Name, a.Zone, a.Type.ToWire(), a.Vendor, a.Model, a.Firmware, [.. a.Ips.Select(ip => ip.ToString())]))
            .ToList();
        return new Page(items, query.Page, query.Size, total, sort, zone, query.Text?.Trim() is { Length: > 0 } t ? t : null);
    }

    /// <summary>The site's zones (id, name), for filters and forms.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ZonesAsync(string site, CancellationToken cancellationToken = default) =>
        [.. (await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == "zone").OrderBy(o => o.Position)
            .Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken)).Select(z => (z.Id, z.Name ?? z.Id))];
}
