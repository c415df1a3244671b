using System.Text.Json;
using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Assets;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Castellan.Core.Assets;

/// <summary>
/// Imports an asset inventory (CSV or XLSX) into one site with <see cref="MergeInventory"/>: first a preview of what
/// would change, row by row, which writes nothing; then the apply, all or nothing, with one audit record in the same
/// transaction. Between the two the file can be staged in the database (a settings row, no server memory), so any
/// instance can apply exactly the previewed bytes.
/// <para>
/// The apply reads and merges outside any transaction (100,000 rows take seconds) and holds the write transaction only
/// to write: it takes the audit chain's lock first, then checks that the site's change mark (the last audit sequence
/// of the site, see <see cref="CheckSite.ChangeMark"/>) is the one read before the merge. If another change landed in
/// between, the merge is done again on the new state (at most <see cref="Attempts"/> times), so nothing is ever
/// written from a stale read.
/// </para>
/// </summary>
public sealed class ImportInventory(CastellanDbContext db, TimeProvider clock)
{
    private const string StagePrefix = "inventory:";

    /// <summary>How often the apply merges again when the site changed during its merge, before it gives up.</summary>
    public const int Attempts = 3;

    public sealed record Preview(string File, string Sha256, int Added, int Changed, int Unchanged, int Refused, IReadOnlyList<RowOutcome> Rows)
    {
        public bool CanApply => Refused == 0;
    }

    /// <summary>The steps the import reports besides <see cref="MergeInventory.Steps"/>.</summary>
    public static class Steps
    {
        public const string Loading = "loading the site's zones and assets";
        public const string Writing = "writing assets";
    }

    /// <summary>What merging <paramref name="content"/> into the site would do. Writes nothing.</summary>
    public async Task<Preview> PreviewAsync(string site, string file, byte[] content, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new WorkProgress(Steps.Loading, 0, 0));
        var (workspace, _, _) = await LoadAsync(site, cancellationToken);
        return Describe(file, content, MergeInventory.Preview(workspace, file, content, progress));
    }

    /// <summary>
    /// Merges the inventory into the site. With <paramref name="expectedSha256"/> the file must be the previewed one;
    /// with <paramref name="expected"/> the outcome must be the previewed one (else the assets changed meanwhile: 409).
    /// With <paramref name="stageKey"/> the staged file is removed in the same transaction, so it is applied once.
    /// </summary>
    public async Task<Preview> ApplyAsync(string site, string file, byte[] content, string actor, string? expectedSha256 = null,
        Preview? expected = null, string? stageKey = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckSha256(file, content, expectedSha256);
        for (var attempt = 1; ; attempt++)
        {
            progress?.Report(new WorkProgress(Steps.Loading, 0, 0));
            var (workspace, rows, mark) = await LoadAsync(site, cancellationToken);
            var outcome = MergeInventory.Run(workspace, file, content, progress);
            var result = Describe(file, content, outcome);
            if (expected is not null && (expected.Added, expected.Changed, expected.Unchanged) != (result.Added, result.Changed, result.Unchanged))
            {
                throw new EditConflictException($"the assets of site '{site}'", null, null, null, null,
                    $"the preview showed {expected.Added} added, {expected.Changed} changed, {expected.Unchanged} unchanged; " +
                    $"the file now adds {result.Added}, changes {result.Changed}, leaves {result.Unchanged} unchanged: preview it again");
            }

            if (await WriteAsync(site, actor, outcome, result, rows, mark, stageKey, progress, cancellationToken))
            {
                return result;
            }

            if (attempt == Attempts)
            {
                throw new EditConflictException($"the zones or assets of site '{site}'", null, null, null, null,
                    $"while {file} was being merged, {Attempts} times in a row: import it again");
            }
        }
    }

    /// <summary>Writes the merge in one short transaction; false (and nothing written) when the site changed since <paramref name="mark"/>.</summary>
    private async Task<bool> WriteAsync(string site, string actor, MergeInventory.Outcome outcome, Preview result, Dictionary<string, StoredAsset> rows,
        long mark, string? stageKey, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var after = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["file"] = result.File, ["sha256"] = result.Sha256, ["added"] = result.Added, ["changed"] = result.Changed, ["unchanged"] = result.Unchanged,
        });
        var assets = outcome.Workspace.Assets.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var changed = outcome.Rows.Where(r => r.Change is RowChange.Added or RowChange.Changed).Select(r => r.AssetId!).Distinct(StringComparer.Ordinal).ToList();
        progress?.Report(new WorkProgress(Steps.Writing, 0, changed.Count));
        var changes = changed.Select(id => AssetWrites.Row.Of(assets[id])).ToList();
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        // The audit head is updated first: its lock orders this transaction after every audited change that committed
        // before it, and those are exactly the changes the mark below sees.
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, site, "asset.import", $"site/{site}/assets", null, after), cancellationToken);
        if (await ChangeMarkAsync(site, cancellationToken) != mark)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }

        await using var writes = new AssetWrites(db.Database.GetDbConnection(), transaction.GetDbTransaction(), site);
        var position = rows.Count == 0 ? 0 : rows.Values.Max(r => r.Position) + 1;
        var written = 0;
        foreach (var chunk in changes.Chunk(WorkProgress.ReportEvery))
        {
            await writes.InsertAsync([.. chunk.Where(a => !rows.ContainsKey(a.Id)).Select(a => (a, position++))], cancellationToken);
            await writes.UpdateAsync([.. chunk.Where(a => rows.ContainsKey(a.Id)).Select(a => (a, rows[a.Id].Version))], cancellationToken);
            written += chunk.Length;
            progress?.Report(new WorkProgress(Steps.Writing, written, changes.Count));
        }

        if (stageKey is not null && await db.Settings.Where(s => s.Key == stageKey).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw new UsageException($"the staged inventory '{stageKey}' was applied meanwhile (by another request); nothing was written twice");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Keeps the uploaded file in the database until it is applied; returns the key the confirm step names.</summary>
    public async Task<string> StageAsync(string site, string file, byte[] content, string actor, CancellationToken cancellationToken = default)
    {
        var sha = Sha256(content);
        var key = StagePrefix + Sha256Hex.Of(System.Text.Encoding.UTF8.GetBytes($"{site}\n{actor}\n{sha}"))[..48];
        var value = JsonSerializer.Serialize(new Staged(site, clock.GetUtcNow(), file, sha, actor, Convert.ToBase64String(content)));
        var stage = db.Settings.Where(s => s.Key == key);
        if (await stage.ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, value), cancellationToken) == 1)
        {
            return key;
        }

        var row = db.Settings.Add(new SettingRow { Key = key, Value = value });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same user staged the same file at the same moment (two previews running at once): the key is taken
            // by the same bytes, so the stage is there either way.
            row.State = EntityState.Detached;
            await stage.ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, value), cancellationToken);
        }

        row.State = EntityState.Detached;
        return key;
    }

    /// <summary>
    /// Removes the files staged for a confirm that never came (previewed, then abandoned), older than
    /// <paramref name="keep"/>, and those staged before stages had a time; returns how many. Reads only the beginning of
    /// each staged value, not the files.
    /// </summary>
    public async Task<int> DiscardStaleStagesAsync(TimeSpan keep, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - keep;
        var heads = await db.Settings.AsNoTracking()
            .Where(s => s.Key.StartsWith(StagePrefix))
            .Select(s => new { s.Key, Head = s.Value.Substring(0, 300) })
            .ToListAsync(cancellationToken);
        var stale = heads.Where(h => StagedAtOf(h.Head) is not { } at || at < cutoff).Select(h => h.Key).ToList();
        return stale.Count == 0 ? 0 : await db.Settings.Where(s => stale.Contains(s.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The staging time in the beginning of a stored <see cref="Staged"/>, or null (staged before stages had a time).</summary>
    private static DateTimeOffset? StagedAtOf(string head)
    {
        const string Name = "\"StagedAt\":\"";
        var start = head.IndexOf(Name, StringComparison.Ordinal);
        var end = start < 0 ? -1 : head.IndexOf('"', start + Name.Length);
        return end > 0 && DateTimeOffset.TryParse(head.AsSpan(start + Name.Length, end - start - Name.Length), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null;
    }

    /// <summary>Applies a staged file, exactly the previewed bytes, and removes it from the stage in the same transaction.</summary>
    public async Task<Preview> ApplyStagedAsync(string site, string key, string actor, Preview? expected, IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var staged = await StagedAsync(site, key, cancellationToken);
        return await ApplyAsync(site, staged.File, Convert.FromBase64String(staged.Content), actor, staged.Sha256, expected, key, progress, cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="key"/> names a file staged for <paramref name="site"/> and not applied yet, without
    /// transferring the file: the stored JSON begins with the site (<see cref="Staged"/> serialises it first).
    /// </summary>
    public async Task<bool> IsStagedAsync(string site, string key, CancellationToken cancellationToken = default)
    {
        var prefix = "{\"Site\":" + JsonSerializer.Serialize(site) + ",";
        return key.StartsWith(StagePrefix, StringComparison.Ordinal)
            && await db.Settings.AsNoTracking().AnyAsync(s => s.Key == key && s.Value.StartsWith(prefix), cancellationToken);
    }

    public async Task<(string File, byte[] Content)> ReadStagedAsync(string site, string key, CancellationToken cancellationToken = default)
    {
        var staged = await StagedAsync(site, key, cancellationToken);
        return (staged.File, Convert.FromBase64String(staged.Content));
    }

    private async Task<Staged> StagedAsync(string site, string key, CancellationToken cancellationToken)
    {
        var value = key.StartsWith(StagePrefix, StringComparison.Ordinal)
            ? await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken)
            : null;
        var staged = value is null ? null : JsonSerializer.Deserialize<Staged>(value);
        return staged is not null && staged.Site == site
            ? staged
            : throw new UsageException($"no staged inventory '{key}' for site '{site}' (already applied, or never previewed); upload the file again");
    }

    private static Preview Describe(string file, byte[] content, MergeInventory.Outcome outcome) =>
        new(file, Sha256(content), outcome.Added, outcome.Updated, outcome.Unchanged, outcome.Refused.Count(), outcome.Rows);

    private static string Sha256(byte[] content) => Sha256Hex.Of(content);

    /// <summary>Refuses <paramref name="content"/> unless its SHA-256 is <paramref name="expected"/> (when given): it must be the previewed file.</summary>
    public static void CheckSha256(string file, byte[] content, string? expected)
    {
        var sha = Sha256(content);
        if (expected is not null && !string.Equals(expected, sha, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException($"sha256: {file} is not the previewed file (previewed {expected}, uploaded {sha})");
        }
    }

    private sealed record StoredAsset(long Version, int Position);

    /// <summary>The last audit sequence of the site: every change of its zones and assets moves it (see <see cref="CheckSite.ChangeMark"/>).</summary>
    private async Task<long> ChangeMarkAsync(string site, CancellationToken cancellationToken) =>
        await db.AuditRecords.AsNoTracking().Where(r => r.Site == site).MaxAsync(r => (long?)r.Sequence, cancellationToken) ?? 0;

    /// <summary>The site's zones and assets as a workspace for the merge, the asset rows by id, and the change mark read before them.</summary>
    private async Task<(Workspace Workspace, Dictionary<string, StoredAsset> Rows, long Mark)> LoadAsync(string site, CancellationToken cancellationToken)
    {
        var mark = await ChangeMarkAsync(site, cancellationToken);
        var objects = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && (o.Kind == "zone" || o.Kind == ListAssets.AssetKind))
            .OrderBy(o => o.Position).Select(o => new { o.Kind, o.Id, o.Json, o.Version, o.Position }).ToListAsync(cancellationToken);
        var assets = objects.Where(o => o.Kind == ListAssets.AssetKind).ToList();
        var workspace = new Workspace
        {
            Organisation = "",
            Zones = [.. objects.Where(o => o.Kind == "zone").Select(o => WorkspaceJson.Deserialize<Zone>(o.Json))],
            Assets = [.. assets.Select(o => WorkspaceJson.Deserialize<Asset>(o.Json))],
        };
        return (workspace, assets.ToDictionary(a => a.Id, a => new StoredAsset(a.Version, a.Position), StringComparer.Ordinal), mark);
    }

    /// <summary>
    /// A staged file: the site first (<see cref="IsStagedAsync"/> reads the value's beginning), then when it was staged
    /// (<see cref="DiscardStaleStagesAsync"/> reads only the beginning of each value), the file last.
    /// </summary>
    private sealed record Staged(string Site, DateTimeOffset? StagedAt, string File, string Sha256, string By, string Content);
}
