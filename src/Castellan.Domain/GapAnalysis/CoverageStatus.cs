namespace Castellan.Domain.GapAnalysis;

/// <summary>What an organisation's ISO/IEC 27001 controls give toward one target requirement.</summary>
public enum CoverageStatus
{
    /// <summary>An implemented control maps to it as <c>equal</c> or <c>superset-of</c>.</summary>
    Covered,

    /// <summary>Some implemented or partly implemented control contributes, but none covers it whole.</summary>
    PartiallyCovered,

    /// <summary>Nothing implemented contributes.</summary>
    NotCovered,

    /// <summary>No ISO control addresses it at all: always a gap, whatever the Statement of Applicability says.</summary>
    OtSpecific,

    /// <summary>Every control that maps to it is excluded in the Statement of Applicability, with a justification.</summary>
    NotApplicable,
}

public static class CoverageStatusNames
{
    public static string ToWire(this CoverageStatus status) => status switch
    {
        CoverageStatus.Covered => "covered",
        CoverageStatus.PartiallyCovered => "partially-covered",
        CoverageStatus.NotCovered => "not-covered",
        CoverageStatus.OtSpecific => "ot-specific",
        CoverageStatus.NotApplicable => "not-applicable",
    };

    /// <summary>Whether the status leaves work to do.</summary>
    public static bool IsGap(this CoverageStatus status) => status switch
    {
        CoverageStatus.Covered or CoverageStatus.NotApplicable => false,
        CoverageStatus.PartiallyCovered or CoverageStatus.NotCovered or CoverageStatus.OtSpecific => true,
    };
}
