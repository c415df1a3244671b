using System.Text;
using Castellan.Core.Common;
using Castellan.Core.Oscal;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Catalogs;

/// <summary>
/// Imports a file into the database: an OSCAL catalog (JSON), a catalog in Castellan's YAML format, or a text overlay
/// (YAML with <c>overlay:</c>) that lays licensed texts over an existing catalog. The kind is detected from the content.
/// The whole file is validated before anything is written, and the write is one transaction: all or nothing.
/// </summary>
public sealed class ImportCatalog(CastellanDbContext db, TimeProvider clock, string actor = "system")
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public sealed record Outcome(string Kind, string CatalogId, int Requirements, bool Replaced);

    public async Task<Outcome> RunAsync(string path, string? catalogId, bool replace, CancellationToken cancellationToken = default)
    {
        var bytes = await InputFiles.ReadAsync(path, MaxBytes, cancellationToken);
        var name = Path.GetFileName(path);
        var first = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 4096))).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (first.StartsWith('{') || first.StartsWith('['))
        {
            var catalog = OscalCatalogReader.Read(name, bytes, catalogId);
            return await SaveAsync(catalog, "oscal-catalog", path, replace, cancellationToken);
        }

        var root = YamlFile.LoadMap(name, Encoding.UTF8.GetString(bytes));
        if (TextOverlay.LooksLikeOverlay(root))
        {
            return await OverlayAsync(TextOverlay.Read(root), cancellationToken);
        }

        var yamlCatalog = CatalogYaml.Read(root, CatalogOrigin.Imported);
        if (catalogId is not null)
        {
            throw new UsageException("--id applies to OSCAL catalogs; a YAML catalog names itself with its 'id' field");
        }

        return await SaveAsync(yamlCatalog, "yaml-catalog", path, replace, cancellationToken);
    }

    private async Task<Outcome> SaveAsync(Catalog catalog, string kind, string path, bool replace, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var existing = await db.Catalogs.AsNoTracking().Where(c => c.Id == catalog.Id.Value).Select(c => c.Origin).FirstOrDefaultAsync(cancellationToken);
        if (existing == "shipped")
        {
            throw new InputException($"{Path.GetFileName(path)}: catalog id '{catalog.Id}' belongs to a shipped catalog; import under another id with --id, or lay texts over it with an overlay file");
        }

        if (existing is not null && !replace)
        {
            throw new InputException($"{Path.GetFileName(path)}: catalog '{catalog.Id}' already exists; use --replace to replace it");
        }

        if (existing is not null)
        {
            await db.Catalogs.Where(c => c.Id == catalog.Id.Value).ExecuteDeleteAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        db.Catalogs.Add(CatalogRows.ToRow(catalog, clock.GetUtcNow(), Path.GetFileName(path)));
        await new Audit.AuditTrail(clock).AppendAsync(db, new Audit.AuditEntry(actor, "", existing is null ? "catalog.import" : "catalog.replace", $"catalog/{catalog.Id}", null,
            Audit.AuditJson.Object(("file", Path.GetFileName(path)), ("requirements", catalog.Requirements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(kind, catalog.Id.Value, catalog.Requirements.Count, existing is not null);
    }

    private async Task<Outcome> OverlayAsync(TextOverlay overlay, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var rows = await db.Requirements.Where(r => r.CatalogId == overlay.Catalog.Value).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            throw new UsageException($"{overlay.File}: unknown catalog '{overlay.Catalog}'");
        }

        overlay.EnsureFits(overlay.Catalog, rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            if (overlay.Texts.TryGetValue(row.Id, out var text))
            {
                row.Text = text;
            }
        }

        await new Audit.AuditTrail(clock).AppendAsync(db, new Audit.AuditEntry(actor, "", "catalog.overlay-texts", $"catalog/{overlay.Catalog}", null,
            Audit.AuditJson.Object(("file", overlay.File), ("texts", overlay.Texts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome("text-overlay", overlay.Catalog.Value, overlay.Texts.Count, Replaced: false);
    }
}
