using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Catalogs;

/// <summary>One catalog from the database, with any licensed texts laid over it.</summary>
public sealed class LoadCatalog(CastellanDbContext db)
{
    public async Task<Catalog> RunAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await db.Catalogs.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (row is null)
        {
            var known = await db.Catalogs.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
            throw new UsageException($"unknown catalog '{id}'; known: {string.Join(", ", known)}");
        }

        var requirements = await db.Requirements.AsNoTracking().Where(r => r.CatalogId == id).ToListAsync(cancellationToken);
        return CatalogRows.FromRows(row, requirements);
    }
}
