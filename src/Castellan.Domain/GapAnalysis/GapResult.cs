using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Domain.GapAnalysis;

/// <summary>How much one piece of evidence contributes to its target requirement.</summary>
public enum Contribution
{
    None,
    Partial,
    Full,
}

/// <summary>
/// One link in the chain of evidence: a source control, what the SoA says of it, the mapping's relationship and where
/// that claim comes from, and what it therefore contributes.
/// </summary>
public sealed record Evidence
{
    public required string ControlId { get; init; }

    public required string ControlTitle { get; init; }

    /// <summary>"implemented", "partially-implemented", "planned", "not-implemented", "excluded" or "not in SoA".</summary>
    public required string SoaState { get; init; }

    public required Relationship Relationship { get; init; }

    public required string Provenance { get; init; }

    public int? Strength { get; init; }

    public string? Rationale { get; init; }

    public VerificationStatus MappingStatus { get; init; }

    /// <summary>True when the mapping targets the parent SR/CR of an enhancement that has no mapping of its own.</summary>
    public bool ViaParent { get; init; }

    public required Contribution Contribution { get; init; }
}

public sealed record GapResult
{
    public required Requirement Requirement { get; init; }

    public required CoverageStatus Status { get; init; }

    /// <summary>One sentence saying why the status is what it is.</summary>
    public required string Explanation { get; init; }

    public IReadOnlyList<Evidence> Evidence { get; init; } = [];

    /// <summary>OT tailoring notes: where an IT control does not transfer as is.</summary>
    public IReadOnlyList<TailoringNote> Notes { get; init; } = [];

    /// <summary>The top-level node it belongs to (FR, SPE, functional area, practice, ZCR), for the summary.</summary>
    public required string Area { get; init; }
}

public sealed record AreaSummary(string Area, string Title, int Total, int Covered, int Partial, int NotCovered, int OtSpecific, int NotApplicable)
{
    /// <summary>(covered + ½ partial) / (total − not applicable), 0–100.</summary>
    public double CoveragePercent => Total - NotApplicable == 0 ? 100 : Math.Round(100.0 * (Covered + 0.5 * Partial) / (Total - NotApplicable), 1);
}

public sealed record GapAction(int Rank, string RequirementId, string Title, CoverageStatus Status, int? Level, string Action)
{
    /// <summary>With a risk register: the worst risk that relies on this requirement, e.g. "R-04 (moderate)".</summary>
    public string? Risk { get; init; }
}

public sealed record GapReport(
    GapTarget Target,
    Catalog Catalog,
    IReadOnlyList<GapResult> Results,
    IReadOnlyList<AreaSummary> Summary,
    AreaSummary Total,
    IReadOnlyList<GapAction> Actions);
