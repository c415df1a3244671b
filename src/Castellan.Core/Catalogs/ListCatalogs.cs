using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Catalogs;

/// <summary>Every catalog in the database, shipped first, with its requirement counts.</summary>
public sealed class ListCatalogs(CastellanDbContext db)
{
    public sealed record Item(string Id, string Name, string Title, string Edition, string Grading, string Origin, int Requirements, int Unsure);

    public async Task<IReadOnlyList<Item>> RunAsync(CancellationToken cancellationToken = default) =>
        await db.Catalogs.AsNoTracking()
            .OrderByDescending(c => c.Origin == "shipped").ThenBy(c => c.Id)
            .Select(c => new Item(c.Id, c.Name, c.Title, c.Edition, c.Grading, c.Origin,
                c.Requirements.Count(r => r.Assessable),
                c.Requirements.Count(r => r.Assessable && r.Status == "unsure")))
            .ToListAsync(cancellationToken);
}
