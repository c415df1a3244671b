using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Catalogs;

/// <summary>
/// A page of one catalog's requirements in document order, searched by id or title (case-insensitive substring) and,
/// in a security-level catalog (IEC 62443-3-3, 4-2), narrowed to those required at SL n (the level mask holds n).
/// Filtered, counted and paged in SQL; never the whole catalog in memory.
/// </summary>
public sealed class SearchRequirements(CastellanDbContext db)
{
    public const int MaxPageSize = 200;

    public sealed record Header(string Id, string Name, string Title, string Edition, string Grading, string Origin);

    public sealed record Item(string Id, string Kind, string Title, string? ParentId, bool Assessable, string Levels, string Status);

    public sealed record Page(Header Catalog, string? Query, int? Sl, int Number, int Size, int Total, IReadOnlyList<Item> Items)
    {
        public int Pages => Math.Max(1, (Total + Size - 1) / Size);
    }

    public async Task<Page> RunAsync(string catalog, string? query, int? sl, int page = 1, int size = 50, CancellationToken cancellationToken = default)
    {
        var header = await db.Catalogs.AsNoTracking().Where(c => c.Id == catalog)
            .Select(c => new Header(c.Id, c.Name, c.Title, c.Edition, c.Grading, c.Origin)).SingleOrDefaultAsync(cancellationToken)
            ?? throw new UsageException($"unknown catalog '{catalog}'");
        var requirements = db.Requirements.AsNoTracking().Where(r => r.CatalogId == catalog);
        if (sl is { } level)
        {
            if (!LevelSet.IsValidLevel(level))
            {
                throw new InputException($"sl: must be 1, 2, 3 or 4 (got {level})");
            }

            if (header.Grading != Grading.SecurityLevel.ToWire())
            {
                throw new InputException($"sl: applies to security-level catalogs; '{catalog}' is graded '{header.Grading}'");
            }

            var bit = 1 << (level - 1);
            requirements = requirements.Where(r => (r.Levels & bit) != 0);
        }

        var text = query?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            // lower() LIKE '%…%' with the wildcards escaped: case-insensitive on SQLite and PostgreSQL alike.
            var pattern = "%" + text.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            requirements = requirements.Where(r => EF.Functions.Like(r.Id.ToLower(), pattern, "\\") || EF.Functions.Like(r.Title.ToLower(), pattern, "\\"));
        }

        size = Math.Clamp(size, 1, MaxPageSize);
        page = Math.Max(1, page);
        var total = await requirements.CountAsync(cancellationToken);
        var rows = await requirements.OrderBy(r => r.Position).Skip((page - 1) * size).Take(size)
            .Select(r => new { r.Id, r.Kind, r.Title, r.ParentId, r.Assessable, r.Levels, r.Status }).ToListAsync(cancellationToken);
        return new Page(header, string.IsNullOrEmpty(text) ? null : text, sl, page, size, total,
            [.. rows.Select(r => new Item(r.Id, r.Kind, r.Title, r.ParentId, r.Assessable, LevelSet.FromMask(r.Levels).ToString(), r.Status))]);
    }
}
