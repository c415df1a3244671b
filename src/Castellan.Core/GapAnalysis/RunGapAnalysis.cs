using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Castellan.Domain.GapAnalysis;
using Castellan.Core.Soa;
using Castellan.Domain.Soa;

namespace Castellan.Core.GapAnalysis;

/// <summary>
/// Loads the target catalogs, the ISO/IEC 27001:2022 → target mapping sets and the OT tailoring notes from the database, then runs the pure
/// <see cref="GapCalculator"/> once per target. Reads only; nothing is written.
/// </summary>
public sealed class RunGapAnalysis(DatabaseTarget database)
{
    public sealed record Outcome(SoaImport Soa, IReadOnlyList<GapReport> Reports);

    /// <summary>Reads the SoA file (CSV/XLSX, 2022 or 2013 numbering) against Annex A from the database, then analyses.</summary>
    public async Task<Outcome> RunAsync(string soaFile, byte[] soaContent, IReadOnlyList<GapTarget> targets,
        GapCalculator.Options options, CancellationToken cancellationToken = default)
    {
        await using var connection = await SqlReads.OpenAsync(database, cancellationToken);
        var iso = await SqlReads.CatalogAsync(connection, AnnexA.Id2022.Value, cancellationToken) ?? throw Missing(AnnexA.Id2022);
        var sheet = SoaReader.Parse(soaFile, soaContent);
        // The 2013 catalog and its correspondence to 2022 only for a file in 2013 numbering.
        var annexA = sheet.From2013 ? await AnnexA2013Async(connection, iso, cancellationToken) : AnnexA.From2022(iso);
        var soa = SoaReader.Read(sheet, annexA);
        return new Outcome(soa, await AnalyseAsync(connection, iso, soa.Soa, targets, options, null, cancellationToken));
    }

    private static async Task<AnnexA> AnnexA2013Async(System.Data.Common.DbConnection connection, Catalog iso, CancellationToken cancellationToken)
    {
        var iso2013 = await SqlReads.CatalogAsync(connection, AnnexA.Id2013.Value, cancellationToken) ?? throw Missing(AnnexA.Id2013);
        var correspondence = (await SqlReads.MappingSetsAsync(connection, [iso2013, iso], cancellationToken))
            .Single(s => s.Header.Source == iso2013.Id && s.Header.Target == iso.Id);
        return AnnexA.From(iso, iso2013, correspondence);
    }

    /// <summary>Analyses an SoA already at hand (e.g. the organisation's stored SoA) against the targets.</summary>
    public async Task<IReadOnlyList<GapReport>> RunAsync(StatementOfApplicability soa, IReadOnlyList<GapTarget> targets,
        GapCalculator.Options options, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await SqlReads.OpenAsync(database, cancellationToken);
        var iso = await SqlReads.CatalogAsync(connection, AnnexA.Id2022.Value, cancellationToken) ?? throw Missing(AnnexA.Id2022);
        return await AnalyseAsync(connection, iso, soa, targets, options, progress, cancellationToken);
    }

    /// <summary>The steps the analysis reports: loading, then one target after the other.</summary>
    public static class Steps
    {
        public const string Loading = "loading catalogs and mappings";
        public const string Analysing = "analysing targets";
    }

    private static InputException Missing(CatalogId id) => new($"the database has no '{id.Value}' catalog; run 'castellan db migrate'");

    private static async Task<IReadOnlyList<GapReport>> AnalyseAsync(System.Data.Common.DbConnection connection, Catalog iso, StatementOfApplicability soa,
        IReadOnlyList<GapTarget> targets, GapCalculator.Options options, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new WorkProgress(Steps.Loading, 0, 0));
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
        // Seeded with the catalogs; a database seeded before the notes were stored falls back to the shipped files.
        var notes = await SqlReads.TailoringNotesAsync(connection, cancellationToken) ?? ShippedCatalogs.LoadTailoringNotes();
        return [.. targets.Select((target, i) =>
        {
            progress?.Report(new WorkProgress(Steps.Analysing, i, targets.Count));
            var catalog = catalogs.First(c => c.Id == target.Catalog);
            var mappings = sets.FirstOrDefault(s => s.Header.Source == iso.Id && s.Header.Target == target.Catalog);
            var report = GapCalculator.Analyse(target, catalog, iso, mappings, soa, notes, options);
            progress?.Report(new WorkProgress(Steps.Analysing, i + 1, targets.Count));
            return report;
        })];
    }
}
