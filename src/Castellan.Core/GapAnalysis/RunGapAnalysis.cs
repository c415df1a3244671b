using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Castellan.Domain.GapAnalysis;
using Castellan.Domain.Soa;

namespace Castellan.Core.GapAnalysis;

/// <summary>
/// Loads the target catalogs and the ISO/IEC 27001:2022 → target mapping sets from the database, then runs the pure
/// <see cref="GapCalculator"/> once per target. Reads only; nothing is written.
/// </summary>
public sealed class RunGapAnalysis(DatabaseTarget database)
{
    public const string SourceCatalog = "iso27001-2022";

    public async Task<IReadOnlyList<GapReport>> RunAsync(StatementOfApplicability soa, IReadOnlyList<GapTarget> targets,
        GapCalculator.Options options, CancellationToken cancellationToken = default)
    {
        await using var connection = await SqlReads.OpenAsync(database, cancellationToken);
        var iso = await SqlReads.CatalogAsync(connection, SourceCatalog, cancellationToken)
            ?? throw new InputException($"the database has no '{SourceCatalog}' catalog; run 'castellan db migrate'");
        var catalogs = new List<Catalog> { iso };
        foreach (var target in targets)
        {
            var catalog = catalogs.FirstOrDefault(c => c.Id == target.Catalog)
                ?? await SqlReads.CatalogAsync(connection, target.Catalog.Value, cancellationToken)
                ?? throw new UsageException($"--target: unknown catalog '{target.Catalog}'; known: {string.Join(", ", await SqlReads.CatalogIdsAsync(connection, cancellationToken))}");
            if (target.Mismatch(catalog) is { } mismatch)
            {
                throw new UsageException($"--target {target}: {mismatch}");
            }

            if (!catalogs.Contains(catalog))
            {
                catalogs.Add(catalog);
            }
        }

        var sets = await SqlReads.MappingSetsAsync(connection, catalogs, cancellationToken);
        var notes = ShippedCatalogs.LoadTailoringNotes();
        return [.. targets.Select(target =>
        {
            var catalog = catalogs.First(c => c.Id == target.Catalog);
            var mappings = sets.FirstOrDefault(s => s.Header.Source.Value == SourceCatalog && s.Header.Target == target.Catalog);
            return GapCalculator.Analyse(target, catalog, iso, mappings, soa, notes, options);
        })];
    }
}
