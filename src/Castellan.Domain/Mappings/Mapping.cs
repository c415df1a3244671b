using Castellan.Domain.Catalogs;

namespace Castellan.Domain.Mappings;

/// <summary>One directed link from a source requirement to a target requirement, with where the claim comes from.</summary>
public sealed record Mapping
{
    public required string SourceId { get; init; }

    /// <summary>Null only for <see cref="Relationship.NoRelationship"/>: the source has no counterpart in the target catalog.</summary>
    public string? TargetId { get; init; }

    public required Relationship Relationship { get; init; }

    /// <summary>0–10, optional (NIST IR 8477 strength).</summary>
    public int? Strength { get; init; }

    public string? Rationale { get; init; }

    public required string Provenance { get; init; }

    public VerificationStatus Status { get; init; } = VerificationStatus.Verified;
}

public sealed record MappingSetHeader
{
    public required string Id { get; init; }

    public required CatalogId Source { get; init; }

    public required CatalogId Target { get; init; }

    public required string Title { get; init; }

    public required string Provenance { get; init; }
}

/// <summary>A target requirement that nothing in the source catalog addresses: always a gap in a gap analysis.</summary>
public sealed record OtSpecificRequirement
{
    public required string TargetId { get; init; }

    public required string Rationale { get; init; }

    public required string Provenance { get; init; }

    public VerificationStatus Status { get; init; } = VerificationStatus.Verified;
}

/// <summary>The mappings from one catalog to another. Construct through <see cref="Create"/>.</summary>
public sealed class MappingSet
{
    private MappingSet(MappingSetHeader header, IReadOnlyList<Mapping> mappings, IReadOnlyList<OtSpecificRequirement> otSpecific)
    {
        Header = header;
        Mappings = mappings;
        OtSpecific = otSpecific;
    }

    public MappingSetHeader Header { get; }

    public IReadOnlyList<Mapping> Mappings { get; }

    /// <summary>Target requirements explicitly marked as having no counterpart in the source catalog.</summary>
    public IReadOnlyList<OtSpecificRequirement> OtSpecific { get; }

    /// <summary>Checks every row against the two catalogs; refuses the set when a row is broken.</summary>
    public static MappingSet Create(MappingSetHeader header, IReadOnlyList<Mapping> mappings, Catalog source, Catalog target,
        IReadOnlyList<OtSpecificRequirement>? otSpecific = null)
    {
        otSpecific ??= [];
        var problems = new List<CatalogProblem>();
        // Targets seen per source: sets of strings, whose code is compiled ahead of time (a set of (string, string?) tuples is
        // compiled at run time, in every process that reads a mapping set).
        var seen = new Dictionary<string, HashSet<string?>>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            if (source.Find(mapping.SourceId) is null)
            {
                problems.Add(new(mapping.SourceId, "source", $"'{mapping.SourceId}' is not in catalog '{source.Id}'"));
            }

            if (mapping.Relationship == Relationship.NoRelationship)
            {
                if (mapping.TargetId is not null && target.Find(mapping.TargetId) is null)
                {
                    problems.Add(new(mapping.SourceId, "target", $"'{mapping.TargetId}' is not in catalog '{target.Id}'"));
                }
            }
            else if (mapping.TargetId is null)
            {
                problems.Add(new(mapping.SourceId, "target", $"a '{mapping.Relationship.ToWire()}' row needs a target"));
            }
            else if (target.Find(mapping.TargetId) is null)
            {
                problems.Add(new(mapping.SourceId, "target", $"'{mapping.TargetId}' is not in catalog '{target.Id}'"));
            }

            if (mapping.Strength is < 0 or > 10)
            {
                problems.Add(new(mapping.SourceId, "strength", $"strength {mapping.Strength} is outside 0–10"));
            }

            if (!seen.TryGetValue(mapping.SourceId, out var targets))
            {
                seen[mapping.SourceId] = targets = [];
            }

            if (!targets.Add(mapping.TargetId))
            {
                problems.Add(new(mapping.SourceId, "target", $"duplicate row {mapping.SourceId} → {mapping.TargetId ?? "(none)"}"));
            }
        }

        var mappedTargets = mappings.Where(m => m.TargetId is not null && m.Relationship != Relationship.NoRelationship)
            .Select(m => m.TargetId!).ToHashSet(StringComparer.Ordinal);
        var marked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in otSpecific)
        {
            if (target.Find(item.TargetId) is null)
            {
                problems.Add(new(item.TargetId, "otSpecific", $"'{item.TargetId}' is not in catalog '{target.Id}'"));
            }
            else if (mappedTargets.Contains(item.TargetId))
            {
                problems.Add(new(item.TargetId, "otSpecific", $"'{item.TargetId}' is marked OT-specific but also has a mapping row"));
            }
            else if (!marked.Add(item.TargetId))
            {
                problems.Add(new(item.TargetId, "otSpecific", $"'{item.TargetId}' is listed twice"));
            }
        }

        return problems.Count > 0
            ? throw new MappingSetInvalidException(header.Id, problems)
            : new MappingSet(header, mappings, otSpecific);
    }
}

public sealed class MappingSetInvalidException(string mappingSet, IReadOnlyList<CatalogProblem> problems)
    : Exception($"Mapping set '{mappingSet}' is invalid: {problems.Count} problem(s).")
{
    public string MappingSet { get; } = mappingSet;

    public IReadOnlyList<CatalogProblem> Problems { get; } = problems;
}
