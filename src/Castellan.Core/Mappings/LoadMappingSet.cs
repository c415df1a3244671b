using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Mappings;

/// <summary>One mapping set from the database, checked again against its two catalogs.</summary>
public sealed class LoadMappingSet(DatabaseTarget database)
{
    public async Task<MappingSet> RunAsync(string id, CancellationToken cancellationToken = default)
    {
        var sets = await new ListMappingSets(database).RunAsync(cancellationToken);
        var item = sets.FirstOrDefault(s => s.Id == id)
            ?? throw new UsageException($"unknown mapping set '{id}'; known: {string.Join(", ", sets.Select(s => s.Id))}");
        await using var connection = await SqlReads.OpenAsync(database, cancellationToken);
        var catalogs = new List<Catalog>();
        foreach (var catalogId in new[] { item.Source, item.Target }.Distinct())
        {
            catalogs.Add((await SqlReads.CatalogAsync(connection, catalogId, cancellationToken))!);
        }

        return (await SqlReads.MappingSetsAsync(connection, catalogs, cancellationToken)).Single(s => s.Header.Id == id);
    }
}
