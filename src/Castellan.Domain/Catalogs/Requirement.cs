namespace Castellan.Domain.Catalogs;

/// <summary>
/// One node of a catalog: a clause, control, FR, SR, RE, practice, … Identified by <see cref="Id"/> within its catalog.
/// Titles are short paraphrases; <see cref="Text"/> is only set from a licensed text overlay or an imported catalog.
/// </summary>
public sealed record Requirement
{
    public required string Id { get; init; }

    public required RequirementKind Kind { get; init; }

    public required string Title { get; init; }

    public string? ParentId { get; init; }

    /// <summary>False for grouping nodes (an FR, a theme, a top-level clause) that are not assessed themselves.</summary>
    public bool Assessable { get; init; } = true;

    /// <summary>Security levels at which this node is required (security-level catalogs only).</summary>
    public LevelSet Levels { get; init; }

    public VerificationStatus Status { get; init; } = VerificationStatus.Verified;

    public string? Source { get; init; }

    public string? Note { get; init; }

    public ComponentType? ComponentType { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Attribute type → values, e.g. ISO/IEC 27002:2022 "control-type" → ["Preventive"].</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Full text from a licensed overlay or an imported OSCAL catalog; null for shipped records.</summary>
    public string? Text { get; init; }

    public bool Equals(Requirement? other) =>
        other is not null
        && Id == other.Id && Kind == other.Kind && Title == other.Title && ParentId == other.ParentId
        && Assessable == other.Assessable && Levels == other.Levels && Status == other.Status
        && Source == other.Source && Note == other.Note && ComponentType == other.ComponentType
        && Text == other.Text && Roles.SequenceEqual(other.Roles)
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(a => other.Attributes.TryGetValue(a.Key, out var values) && values.SequenceEqual(a.Value));

    public override int GetHashCode() => HashCode.Combine(Id, Kind, Title, ParentId, Levels);
}
