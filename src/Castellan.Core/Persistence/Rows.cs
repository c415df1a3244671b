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

/// <summary>
/// One object of an OT workspace (site, zone, conduit, asset, supplier, flow, result, …) stored as its canonical JSON,
/// with the columns lists filter and page on. Lossless: the JSON is the object. New kinds need no migration.
/// </summary>
public sealed class WorkspaceObjectRow
{
    public required string Site { get; set; }

    /// <summary>site, zone, conduit, asset, supplier, flow, result.</summary>
    public required string Kind { get; set; }

    public required string Id { get; set; }

    /// <summary>Document order within the kind, so an export writes the file back in the same order.</summary>
    public int Position { get; set; }

    public string? Name { get; set; }

    public string? Zone { get; set; }

    public required string Json { get; set; }

    /// <summary>Optimistic concurrency: incremented on every change.</summary>
    public long Version { get; set; }
}

/// <summary>A CSAF 2.0 advisory as imported: the whole document, kept with its source; older revisions stay as history.</summary>
public sealed class AdvisoryRow
{
    public long Key { get; set; }

    /// <summary>/document/tracking/id, e.g. ICSA-18-310-02.</summary>
    public required string TrackingId { get; set; }

    /// <summary>/document/tracking/version.</summary>
    public required string Version { get; set; }

    public required string Title { get; set; }

    public required string Publisher { get; set; }

    public DateTimeOffset CurrentReleaseDate { get; set; }

    /// <summary>True for the newest revision of the tracking id; older revisions are history.</summary>
    public bool IsCurrent { get; set; }

    /// <summary>The document as imported, compressed: <see cref="Advisories.AdvisorySource.Decompress"/> gives the file's bytes.</summary>
    public required byte[] Source { get; set; }

    public required string SourceFile { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>A person's verdict on a suggested advisory match: dismissed (with a reason) or confirmed. Survives re-import.</summary>
public sealed class AdvisoryMatchDecisionRow
{
    public required string TrackingId { get; set; }

    public required string ProductId { get; set; }

    public required string AssetId { get; set; }

    /// <summary>confirmed or dismissed.</summary>
    public required string Decision { get; set; }

    public string? Reason { get; set; }

    public string? By { get; set; }

    public DateTimeOffset At { get; set; }
}
