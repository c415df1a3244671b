using System.Security.Cryptography;
using System.Text.Json;
using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Assets;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Assets;

/// <summary>
/// Imports an asset inventory (CSV or XLSX) into one site with <see cref="MergeInventory"/>: first a preview of what
/// would change, row by row, which writes nothing; then the apply, all or nothing, with one audit record in the same
/// transaction. Between the two the file can be staged in the database (a settings row, no server memory), so any
/// instance can apply exactly the previewed bytes.
/// </summary>
public sealed class ImportInventory(CastellanDbContext db, TimeProvider clock)
{
    private const string StagePrefix = "inventory:";

    public sealed record Preview(string File, string Sha256, int Added, int Changed, int Unchanged, int Refused, IReadOnlyList<RowOutcome> Rows)
    {
        public bool CanApply => Refused == 0;
    }

    /// <summary>What merging <paramref name="content"/> into the site would do. Writes nothing.</summary>
    public async Task<Preview> PreviewAsync(string site, string file, byte[] content, CancellationToken cancellationToken = default)
    {
        var (workspace, _) = await LoadAsync(site, cancellationToken);
        return Describe(file, content, MergeInventory.Preview(workspace, file, content));
    }

    /// <summary>
    /// Merges the inventory into the site. With <paramref name="expectedSha256"/> the file must be the previewed one;
    /// with <paramref name="expected"/> the outcome must be the previewed one (else the assets changed meanwhile: 409).
    /// </summary>
    public async Task<Preview> ApplyAsync(string site, string file, byte[] content, string actor, string? expectedSha256 = null,
        Preview? expected = null, string? stageKey = null, CancellationToken cancellationToken = default)
    {
        var sha = Sha256(content);
        if (expectedSha256 is not null && !string.Equals(expectedSha256, sha, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException($"sha256: {file} is not the previewed file (previewed {expectedSha256}, uploaded {sha})");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (workspace, rows) = await LoadAsync(site, cancellationToken);
        var outcome = MergeInventory.Run(workspace, file, content);
        var result = Describe(file, content, outcome);
        if (expected is not null && (expected.Added, expected.Changed, expected.Unchanged) != (result.Added, result.Changed, result.Unchanged))
        {
            throw new EditConflictException($"the assets of site '{site}'", null, null, null, null,
                $"the preview showed {expected.Added} added, {expected.Changed} changed, {expected.Unchanged} unchanged; " +
                $"the file now adds {result.Added}, changes {result.Changed}, leaves {result.Unchanged} unchanged: preview it again");
        }

        var position = rows.Count == 0 ? 0 : rows.Values.Max(r => r.Position) + 1;
        var assets = outcome.Workspace.Assets.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var change in outcome.Rows.Where(r => r.Change is RowChange.Added or RowChange.Changed).DistinctBy(r => r.AssetId))
        {
            var asset = assets[change.AssetId!];
            if (rows.TryGetValue(asset.Id, out var existing))
            {
                var row = new WorkspaceObjectRow { Site = site, Kind = ListAssets.AssetKind, Id = asset.Id, Json = existing.Json, Version = existing.Version };
                db.WorkspaceObjects.Attach(row);
                row.Name = asset.Name;
                row.Zone = asset.Zone;
                row.Json = WorkspaceJson.Serialize(asset);
                row.Version = existing.Version + 1;
            }
            else
            {
                db.WorkspaceObjects.Add(new WorkspaceObjectRow
                {
                    Site = site, Kind = ListAssets.AssetKind, Id = asset.Id, Position = position++, Name = asset.Name, Zone = asset.Zone,
                    Json = WorkspaceJson.Serialize(asset), Version = 1,
                });
            }
        }

        if (stageKey is not null)
        {
            await db.Settings.Where(s => s.Key == stageKey).ExecuteDeleteAsync(cancellationToken);
        }

        var after = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["file"] = file, ["sha256"] = sha, ["added"] = result.Added, ["changed"] = result.Changed, ["unchanged"] = result.Unchanged,
        });
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, site, "asset.import", $"site/{site}/assets", null, after), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Keeps the uploaded file in the database until it is applied; returns the key the confirm step names.</summary>
    public async Task<string> StageAsync(string site, string file, byte[] content, string actor, CancellationToken cancellationToken = default)
    {
        var sha = Sha256(content);
        var key = StagePrefix + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{site}\n{actor}\n{sha}")))[..48];
        var value = JsonSerializer.Serialize(new Staged(site, file, sha, actor, Convert.ToBase64String(content)));
        if (await db.Settings.FindAsync([key], cancellationToken) is { } existing)
        {
            existing.Value = value;
        }
        else
        {
            db.Settings.Add(new SettingRow { Key = key, Value = value });
        }

        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>Applies a staged file, exactly the previewed bytes, and removes it from the stage in the same transaction.</summary>
    public async Task<Preview> ApplyStagedAsync(string site, string key, string actor, Preview? expected, CancellationToken cancellationToken = default)
    {
        var staged = await StagedAsync(site, key, cancellationToken);
        return await ApplyAsync(site, staged.File, Convert.FromBase64String(staged.Content), actor, staged.Sha256, expected, key, cancellationToken);
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

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private sealed record StoredAsset(string Json, long Version, int Position);

    /// <summary>The site's zones and assets as a workspace for the merge, and the asset rows by id.</summary>
    private async Task<(Workspace Workspace, Dictionary<string, StoredAsset> Rows)> LoadAsync(string site, CancellationToken cancellationToken)
    {
        var objects = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && (o.Kind == "zone" || o.Kind == ListAssets.AssetKind))
            .OrderBy(o => o.Position).Select(o => new { o.Kind, o.Id, o.Json, o.Version, o.Position }).ToListAsync(cancellationToken);
        var assets = objects.Where(o => o.Kind == ListAssets.AssetKind).ToList();
        var workspace = new Workspace
        {
            Organisation = "",
            Zones = [.. objects.Where(o => o.Kind == "zone").Select(o => WorkspaceJson.Deserialize<Zone>(o.Json))],
            Assets = [.. assets.Select(o => WorkspaceJson.Deserialize<Asset>(o.Json))],
        };
        return (workspace, assets.ToDictionary(a => a.Id, a => new StoredAsset(a.Json, a.Version, a.Position), StringComparer.Ordinal));
    }

    private sealed record Staged(string Site, string File, string Sha256, string By, string Content);
}
