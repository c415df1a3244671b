using System.Text;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Mappings;

/// <summary>
/// Imports a mapping set into the database: an OSCAL mapping-collection (JSON) or a mapping set in Castellan's YAML
/// format (catalogs/README.md), detected from the content. Both catalogs must be in the database. The whole file is
/// checked against them before anything is written, and the write is one transaction: all or nothing.
/// </summary>
public sealed class ImportMappingSet(DatabaseTarget database, TimeProvider clock, string actor = "system")
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public const int MaxIdLength = 128;

    public sealed record Outcome(string MappingSetId, string Source, string Target, int Mappings, int OtSpecific, bool Replaced, IReadOnlyList<string> Warnings);

    public async Task<Outcome> RunAsync(string path, string? source, string? target, string? id, bool replace, CancellationToken cancellationToken = default)
    {
        var sourceId = ParseCatalogId(source, "--source");
        var targetId = ParseCatalogId(target, "--target");
        if (id is not null && !IsValidId(id))
        {
            throw new UsageException($"--id: '{id}' is not a valid mapping set id: use lower-case letters, digits and '-' (at most {MaxIdLength} characters)");
        }

        var bytes = await InputFiles.ReadAsync(path, MaxBytes, cancellationToken);
        var name = Path.GetFileName(path);
        var first = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 4096))).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        MappingImport import;
        if (first.StartsWith('{') || first.StartsWith('['))
        {
            var catalogs = await LoadCatalogsAsync([sourceId, targetId, .. OscalMappingReader.ReferencedCatalogs(bytes)], cancellationToken);
            import = OscalMappingReader.Read(name, bytes, c => catalogs.GetValueOrDefault(c), sourceId, targetId, id);
        }
        else
        {
            var root = YamlFile.LoadMap(name, Encoding.UTF8.GetString(bytes));
            var named = new[] { root.OptionalString("source"), root.OptionalString("target") }.Where(CatalogId.IsValid).Select(c => new CatalogId(c!));
            var catalogs = await LoadCatalogsAsync([.. named], cancellationToken);
            var set = MappingSetYaml.Read(root, c => catalogs.GetValueOrDefault(c));
            if (sourceId is { } s && s != set.Header.Source || targetId is { } t && t != set.Header.Target)
            {
                throw new UsageException($"{name}: the file maps {set.Header.Source} → {set.Header.Target}; --source and --target cannot change the catalogs of a YAML mapping set");
            }

            if (id is not null)
            {
                set = MappingSet.Create(set.Header with { Id = id }, set.Mappings, catalogs[set.Header.Source], catalogs[set.Header.Target], set.OtSpecific);
            }

            import = new MappingImport(set, []);
        }

        if (!IsValidId(import.Set.Header.Id))
        {
            throw new InputException($"{name}: '{import.Set.Header.Id}' is not a valid mapping set id: use lower-case letters, digits and '-' (at most {MaxIdLength} characters); choose one with --id");
        }

        var replaced = await SaveAsync(import.Set, name, replace, cancellationToken);
        var header = import.Set.Header;
        return new Outcome(header.Id, header.Source.Value, header.Target.Value, import.Set.Mappings.Count, import.Set.OtSpecific.Count, replaced, import.Warnings);
    }

    /// <summary>The rule of catalog ids (lower-case letters, digits, '-'), with room for "&lt;source&gt;-to-&lt;target&gt;".</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength
        && id[0] is (>= 'a' and <= 'z') or (>= '0' and <= '9')
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static CatalogId? ParseCatalogId(string? value, string option) =>
        value is null ? null
        : CatalogId.IsValid(value) ? new CatalogId(value)
        : throw new UsageException($"{option}: '{value}' is not a valid catalog id");

    private async Task<Dictionary<CatalogId, Catalog>> LoadCatalogsAsync(IEnumerable<CatalogId?> ids, CancellationToken cancellationToken)
    {
        var catalogs = new Dictionary<CatalogId, Catalog>();
        await using var connection = await SqlReads.OpenAsync(database, cancellationToken);
        foreach (var id in ids.OfType<CatalogId>().Distinct())
        {
            if (await SqlReads.CatalogAsync(connection, id.Value, cancellationToken) is { } catalog)
            {
                catalogs[id] = catalog;
            }
        }

        return catalogs;
    }

    private async Task<bool> SaveAsync(MappingSet set, string file, bool replace, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var id = set.Header.Id;
        var existing = await db.MappingSets.AsNoTracking().Where(m => m.Id == id).Select(m => m.Origin).FirstOrDefaultAsync(cancellationToken);
        if (existing == "shipped")
        {
            throw new InputException($"{file}: mapping set id '{id}' belongs to a shipped mapping set; import under another id with --id");
        }

        if (existing is not null && !replace)
        {
            throw new InputException($"{file}: mapping set '{id}' already exists; use --replace to replace it");
        }

        if (existing is not null)
        {
            await db.MappingSets.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);
        }

        db.MappingSets.Add(MappingSetRows.ToRow(set, "imported"));
        await new Audit.AuditTrail(clock).AppendAsync(db, new Audit.AuditEntry(actor, "", existing is null ? "mapping-set.import" : "mapping-set.replace", $"mapping-set/{id}", null,
            Audit.AuditJson.Object(("file", file), ("mappings", set.Mappings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return existing is not null;
    }
}
