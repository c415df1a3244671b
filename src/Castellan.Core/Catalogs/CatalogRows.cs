using System.Text.Json;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;

namespace Castellan.Core.Catalogs;

/// <summary>Maps catalogs to table rows and back.</summary>
internal static class CatalogRows
{
    public static CatalogRow ToRow(Catalog catalog, DateTimeOffset now, string? sourceFile) => new()
    {
        Id = catalog.Id.Value,
        Name = catalog.Header.Name,
        Title = catalog.Header.Title,
        Edition = catalog.Header.Edition,
        Publisher = catalog.Header.Publisher,
        Grading = catalog.Header.Grading.ToWire(),
        Copyright = catalog.Header.Copyright,
        Origin = OriginWire(catalog.Header.Origin),
        SourceFile = sourceFile,
        ImportedAt = now,
        Requirements = [.. catalog.Requirements.Select((r, i) => ToRow(catalog.Id, r, i))],
    };

    public static string OriginWire(CatalogOrigin origin) => origin switch
    {
        CatalogOrigin.Shipped => "shipped",
        CatalogOrigin.Imported => "imported",
    };

    private static RequirementRow ToRow(CatalogId catalog, Requirement r, int position) => new()
    {
        CatalogId = catalog.Value,
        Id = r.Id,
        Position = position,
        Kind = r.Kind.ToWire(),
        Title = r.Title,
        ParentId = r.ParentId,
        Assessable = r.Assessable,
        Levels = r.Levels.Mask,
        Status = r.Status.ToWire(),
        Source = r.Source,
        Note = r.Note,
        ComponentType = r.ComponentType?.ToString(),
        Roles = r.Roles.Count == 0 ? null : string.Join(',', r.Roles),
        Attributes = r.Attributes.Count == 0 ? null : JsonSerializer.Serialize(r.Attributes),
        Text = r.Text,
    };

    /// <summary>Rebuilds the domain catalog; the rules are checked again, so a tampered database cannot yield a broken catalog.</summary>
    public static Catalog FromRows(CatalogRow row, IEnumerable<RequirementRow> requirements)
    {
        if (!GradingNames.TryParse(row.Grading, out var grading))
        {
            throw Corrupt(row.Id, "grading", row.Grading);
        }

        var header = new CatalogHeader
        {
            Id = new CatalogId(row.Id),
            Name = row.Name,
            Title = row.Title,
            Edition = row.Edition,
            Publisher = row.Publisher,
            Grading = grading,
            Copyright = row.Copyright,
            Origin = row.Origin == "shipped" ? CatalogOrigin.Shipped : CatalogOrigin.Imported,
        };
        return Catalog.Create(header, [.. requirements.OrderBy(r => r.Position).Select(FromRow)]);
    }

    private static Requirement FromRow(RequirementRow r)
    {
        if (!RequirementKindNames.TryParse(r.Kind, out var kind))
        {
            throw Corrupt(r.CatalogId, "kind", r.Kind);
        }

        if (!VerificationStatusNames.TryParse(r.Status, out var status))
        {
            throw Corrupt(r.CatalogId, "status", r.Status);
        }

        ComponentType? componentType = null;
        if (r.ComponentType is not null)
        {
            componentType = ComponentTypeNames.TryParse(r.ComponentType, out var parsed) ? parsed : throw Corrupt(r.CatalogId, "component type", r.ComponentType);
        }

        return new Requirement
        {
            Id = r.Id,
            Kind = kind,
            Title = r.Title,
            ParentId = r.ParentId,
            Assessable = r.Assessable,
            Levels = LevelSet.FromMask(r.Levels),
            Status = status,
            Source = r.Source,
            Note = r.Note,
            ComponentType = componentType,
            Roles = r.Roles is null ? [] : r.Roles.Split(','),
            Attributes = r.Attributes is null
                ? new Dictionary<string, IReadOnlyList<string>>()
                : JsonSerializer.Deserialize<Dictionary<string, string[]>>(r.Attributes)!
                    .ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.Ordinal),
            Text = r.Text,
        };
    }

    private static InvalidOperationException Corrupt(string catalog, string field, string value) =>
        new($"database: catalog '{catalog}' has an unknown {field} '{value}'; run `castellan db migrate` with this version of Castellan");
}
