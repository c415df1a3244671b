using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Mappings;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Persistence;

/// <summary>
/// Brings a database to the current schema and seeds the shipped catalogs and mapping sets. Idempotent: a second run
/// changes nothing (the seed is skipped when the stored hash of the shipped files matches). Licensed texts laid over
/// shipped catalogs survive a reseed. Everything happens in one transaction per step.
/// </summary>
public sealed class MigrateDatabase(TimeProvider clock)
{
    private const string SeedHashKey = "shipped-catalogs-sha256";

    /// <summary>The shipped tailoring notes (<see cref="GapAnalysis.TailoringJson"/>), seeded with the catalogs they annotate.</summary>
    internal const string TailoringNotesKey = "shipped-tailoring-notes";

    public sealed record Outcome(IReadOnlyList<string> AppliedMigrations, bool Seeded, int Catalogs, int MappingSets);

    /// <summary>
    /// The cheap check every command makes before it opens the database: plain SQL, no EF model. True when the schema
    /// has every migration this build knows and the shipped catalogs are seeded at the current hash. Keeps a cold
    /// `castellan catalog list` fast; anything else falls through to <see cref="RunAsync"/>.
    /// </summary>
    public static async Task<bool> IsCurrentAsync(DatabaseTarget target, IReadOnlyCollection<string> knownMigrations, CancellationToken cancellationToken = default)
    {
        if (target.SqliteFile is { } file && !File.Exists(file))
        {
            return false;
        }

        try
        {
            await using var connection = target.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT "MigrationId" FROM "__EFMigrationsHistory" UNION ALL SELECT 'hash:' || "Value" FROM settings WHERE "Key" = '{SeedHashKey}'""";
            var rows = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(reader.GetString(0));
                }
            }

            return knownMigrations.All(rows.Contains) && rows.Contains("hash:" + ShippedCatalogs.ContentHash());
        }
        catch (System.Data.Common.DbException)
        {
            return false; // no schema yet, or no server: RunAsync migrates or reports the error
        }
    }

    public async Task<Outcome> RunAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        if (target.SqliteFile is { } file && DatabaseTarget.IsSharedFile(file))
        {
            var folder = Path.GetDirectoryName(file)!;
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"cannot create the folder {folder} for {target.Description} ({e.GetType().Name})");
            }

            if (!File.Exists(file))
            {
                await CreateSqliteAsync(target, cancellationToken);
            }
        }

        await using var db = target.CreateContext();
        IReadOnlyList<string> pending;
        try
        {
            pending = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            throw new InputException($"cannot open {target.Description}: {e.Message}");
        }

        var hash = ShippedCatalogs.ContentHash();
        var stored = await db.Settings.AsNoTracking().Where(s => s.Key == SeedHashKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        if (stored == hash)
        {
            return new Outcome(pending, false, 0, 0);
        }

        var shipped = ShippedCatalogs.Instance;
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var texts = await db.Requirements.AsNoTracking()
            .Where(r => r.Text != null && db.Catalogs.Any(c => c.Id == r.CatalogId && c.Origin == "shipped"))
            .Select(r => new { r.CatalogId, r.Id, r.Text })
            .ToListAsync(cancellationToken);
        await db.Catalogs.Where(c => c.Origin == "shipped").ExecuteDeleteAsync(cancellationToken);
        await db.MappingSets.Where(m => m.Origin == "shipped").ExecuteDeleteAsync(cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var catalog in shipped.Catalogs)
        {
            if (await db.Catalogs.AnyAsync(c => c.Id == catalog.Id.Value, cancellationToken))
            {
                throw new InputException($"an imported catalog uses the id '{catalog.Id}' of a shipped catalog; remove it first");
            }

            var own = texts.Where(t => t.CatalogId == catalog.Id.Value).ToDictionary(t => t.Id, t => t.Text!, StringComparer.Ordinal);
            db.Catalogs.Add(CatalogRows.ToRow(catalog.WithTexts(own), now, sourceFile: null));
        }

        foreach (var set in shipped.MappingSets)
        {
            db.MappingSets.Add(MappingSetRows.ToRow(set, "shipped"));
        }

        await SetAsync(db, TailoringNotesKey, GapAnalysis.TailoringJson.Write(shipped.TailoringNotes), cancellationToken);
        await SetAsync(db, SeedHashKey, hash, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(pending, true, shipped.Catalogs.Count, shipped.MappingSets.Count);
    }

    /// <summary>
    /// A new SQLite file: 16 KB pages, in write-ahead-log mode (as EF Core would create it, but EF cannot set the page
    /// size, which only a new database can take). The stored CSAF advisories are blobs of about 5 KB: on 4 KB pages each
    /// spilled into overflow pages, and importing the 2,035 CISA advisories wrote 10,000 pages to the log; on 16 KB pages
    /// three fit in one, and it writes 3,000. (The web tests, which write small rows, took as long as on 4 KB pages.)
    /// </summary>
    private static async Task CreateSqliteAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = target.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException e)
        {
            // Nothing left behind: an empty file would be taken for a database on the next run.
            if (target.SqliteFile is { } file && new FileInfo(file) is { Exists: true, Length: 0 })
            {
                File.Delete(file);
            }

            throw new InputException($"cannot create {target.Description}: {e.Message}");
        }
    }

    private static async Task SetAsync(CastellanDbContext db, string key, string value, CancellationToken cancellationToken)
    {
        var setting = await db.Settings.FindAsync([key], cancellationToken);
        if (setting is null)
        {
            db.Settings.Add(new SettingRow { Key = key, Value = value });
        }
        else
        {
            setting.Value = value;
        }
    }
}
