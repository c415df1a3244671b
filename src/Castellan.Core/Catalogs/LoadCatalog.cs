using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;

namespace Castellan.Core.Catalogs;

/// <summary>One catalog from the database, with any licensed texts laid over it.</summary>
public sealed class LoadCatalog(DatabaseTarget target)
{
    public async Task<Catalog> RunAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await SqlReads.OpenAsync(target, cancellationToken);
        return await SqlReads.CatalogAsync(connection, id, cancellationToken)
            ?? throw new UsageException($"unknown catalog '{id}'; known: {string.Join(", ", await SqlReads.CatalogIdsAsync(connection, cancellationToken))}");
    }
}
