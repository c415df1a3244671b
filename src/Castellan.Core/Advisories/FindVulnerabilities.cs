using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Advisories;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Advisories;

/// <summary>
/// Which assets of a workspace the advisories affect: the current advisories in the database (or the documents of a
/// folder), matched through the index, without the matches a person dismissed, grouped per asset with zone levels
/// (SL-T, SL-A from <see cref="WorkspaceChecker"/>), reachability and remediations, in order of exposure and consequence.
/// </summary>
public sealed class FindVulnerabilities(DatabaseTarget database, TimeProvider clock)
{
    /// <summary>Wildcard product id of a decision: every product of the advisory.</summary>
    public const string AnyProduct = "*";

    public sealed record Outcome(
        Workspace Workspace,
        IReadOnlyList<VulnerableAsset> Assets,
        int Advisories,
        int Products,
        int Refused,
        int Dismissed,
        IReadOnlySet<(string TrackingId, string AssetId)> Confirmed,
        IReadOnlyDictionary<(string TrackingId, string AssetId), PatchStep> PatchStates,
        TimeSpan LoadAdvisories,
        TimeSpan Match)
    {
        /// <summary>One item per (asset, advisory) with its latest patch-management step.</summary>
        public IReadOnlyList<PatchItem> Items => PatchItems.Build(Assets, PatchStates);
    }

    public async Task<Outcome> RunAsync(string workspacePath, string? advisoriesFolder, CancellationToken cancellationToken = default)
    {
        var check = new CheckWorkspace(database, clock);
        var workspace = await CheckWorkspace.LoadAsync(workspacePath, cancellationToken);
        var catalog = await check.SystemRequirementsAsync(cancellationToken);
        var report = WorkspaceChecker.Run(workspace, catalog, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return await RunAsync(workspace, report.Zones, advisoriesFolder, cancellationToken);
    }

    /// <summary>The same for a workspace already loaded and checked (`castellan check`, `castellan risk`).</summary>
    public async Task<Outcome> RunAsync(Workspace workspace, IReadOnlyList<ZoneLevels> levels, string? advisoriesFolder, CancellationToken cancellationToken = default)
    {
        if (advisoriesFolder is not null && !Directory.Exists(advisoriesFolder))
        {
            throw new UsageException($"--advisories {advisoriesFolder}: no such folder");
        }

        var started = clock.GetTimestamp();
        await using var db = database.CreateContext();
        // Stored documents were checked when they were imported: they are only decompressed and parsed. The files of
        // a folder are checked as an import would.
        IReadOnlyList<byte[]> documents = advisoriesFolder is null
            ? await db.Advisories.AsNoTracking().Where(a => a.IsCurrent).OrderBy(a => a.TrackingId).Select(a => a.Source).ToListAsync(cancellationToken)
            : [.. Directory.EnumerateFiles(advisoriesFolder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        var parsed = new CsafVerdict[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => parsed[i] = advisoriesFolder is null
            ? new(CsafReader.ReadImported(AdvisorySource.Decompress(documents[i])), [])
            : CsafReader.Read(documents[i]));
        var advisories = parsed.Select(v => v.Advisory).OfType<Advisory>()
            .GroupBy(a => a.TrackingId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var loaded = clock.GetElapsedTime(started);

        started = clock.GetTimestamp();
        var matcher = AdvisoryMatcher.Build(advisories);
        var matches = matcher.Match(workspace.Assets);
        var matched = clock.GetElapsedTime(started);

        var decisions = await db.AdvisoryMatchDecisions.AsNoTracking().Select(d => new { d.TrackingId, d.ProductId, d.AssetId, d.Decision }).ToListAsync(cancellationToken);
        bool Decided(AdvisoryMatch m, string decision) => decisions.Any(d => d.Decision == decision && d.TrackingId == m.Advisory.TrackingId && d.AssetId == m.Asset.Id
            && (d.ProductId == AnyProduct || d.ProductId == m.Product.ProductId));
        var dismissedSet = decisions.Count == 0 ? [] : matches.Where(m => Decided(m, "dismissed")).ToHashSet();
        var confirmed = decisions.Count == 0 ? [] : matches.Where(m => Decided(m, "confirmed")).Select(m => (m.Advisory.TrackingId, m.Asset.Id)).ToHashSet();
        var kept = matches.Where(m => !dismissedSet.Contains(m)).ToList();
        var patchStates = await RecordPatchState.CurrentAsync(db, cancellationToken);
        return new Outcome(workspace, VulnerabilityReport.Build(workspace, kept, levels), advisories.Count, matcher.ProductCount,
            parsed.Count(v => !v.Valid), dismissedSet.Count, confirmed, patchStates, loaded, matched);
    }
}
