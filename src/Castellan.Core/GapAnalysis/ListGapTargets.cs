using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Domain.Catalogs;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.GapAnalysis;

/// <summary>
/// The targets a gap analysis can run against: every catalog the database maps ISO/IEC 27001:2022 to, at each of
/// its levels (SL 1–4 for 62443-3-3 and 4-2, ML 1–4 for 62443-2-1 …), or alone when the catalog is not graded.
/// </summary>
public sealed class ListGapTargets(CastellanDbContext db)
{
    /// <summary><see cref="Target"/> is what <see cref="Domain.GapAnalysis.GapTarget.TryParse"/> reads, e.g. "iec62443-3-3-2013@SL2".</summary>
    public sealed record Choice(string Target, string Standard, string Title);

    public async Task<IReadOnlyList<Choice>> RunAsync(CancellationToken cancellationToken = default)
    {
        var source = AnnexA.Id2022.Value;
        var catalogs = await (
                from set in db.MappingSets.AsNoTracking()
                where set.SourceCatalogId == source
                join catalog in db.Catalogs.AsNoTracking() on set.TargetCatalogId equals catalog.Id
                select new { catalog.Id, catalog.Name, catalog.Edition, catalog.Title, catalog.Grading })
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. catalogs.OrderBy(c => c.Id, StringComparer.Ordinal).SelectMany(c =>
        {
            var standard = $"{c.Name}:{c.Edition}";
            var prefix = GradingNames.TryParse(c.Grading, out var grading) ? grading.LevelPrefix() : null;
            return prefix is null
                ? [new Choice(c.Id, standard, c.Title)]
                : Enumerable.Range(LevelSet.MinLevel, LevelSet.MaxLevel - LevelSet.MinLevel + 1)
                    .Select(level => new Choice($"{c.Id}@{prefix}{level}", standard, $"{c.Title}, {prefix} {level}"));
        })];
    }
}
