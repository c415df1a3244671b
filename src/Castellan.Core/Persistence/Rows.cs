namespace Castellan.Core.Persistence;

// Table rows. The domain types (Castellan.Domain) stay free of EF; these rows are mapped to and from them in
// CatalogStore. Enums are stored as their wire names so that the database reads like the files.

public sealed class CatalogRow
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Title { get; set; }

    public required string Edition { get; set; }

    public string? Publisher { get; set; }

    public required string Grading { get; set; }

    public string? Copyright { get; set; }

    /// <summary>"shipped" or "imported".</summary>
    public required string Origin { get; set; }

    /// <summary>For imported catalogs: the file they came from.</summary>
    public string? SourceFile { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public List<RequirementRow> Requirements { get; set; } = [];
}

public sealed class RequirementRow
{
    public required string CatalogId { get; set; }

    public required string Id { get; set; }

    /// <summary>Document order within the catalog.</summary>
    public int Position { get; set; }

    public required string Kind { get; set; }

    public required string Title { get; set; }

    public string? ParentId { get; set; }

    public bool Assessable { get; set; }

    /// <summary>LevelSet mask: bit 0 = level 1 … bit 3 = level 4.</summary>
    public int Levels { get; set; }

    public required string Status { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    public string? ComponentType { get; set; }

    /// <summary>Roles joined with ','.</summary>
    public string? Roles { get; set; }

    /// <summary>Attributes as JSON: {"type": ["value", …]}.</summary>
    public string? Attributes { get; set; }

    /// <summary>Licensed or imported full text; survives reseeding of shipped catalogs.</summary>
    public string? Text { get; set; }
}

public sealed class MappingSetRow
{
    public required string Id { get; set; }

    public required string SourceCatalogId { get; set; }

    public required string TargetCatalogId { get; set; }

    public required string Title { get; set; }

    public required string Provenance { get; set; }

    public required string Origin { get; set; }

    public List<MappingRow> Mappings { get; set; } = [];

    public List<OtSpecificRow> OtSpecific { get; set; } = [];
}

/// <summary>A target requirement marked as having no counterpart in the mapping set's source catalog.</summary>
public sealed class OtSpecificRow
{
    public required string MappingSetId { get; set; }

    public required string TargetId { get; set; }

    public required string Rationale { get; set; }

    public required string Provenance { get; set; }

    public required string Status { get; set; }
}

public sealed class MappingRow
{
    public required string MappingSetId { get; set; }

    public int Position { get; set; }

    public required string SourceId { get; set; }

    public string? TargetId { get; set; }

    public required string Relationship { get; set; }

    public int? Strength { get; set; }

    public string? Rationale { get; set; }

    public required string Provenance { get; set; }

    public required string Status { get; set; }
}

/// <summary>Key/value facts about the database itself, e.g. the hash of the shipped catalogs it was seeded with.</summary>
public sealed class SettingRow
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
