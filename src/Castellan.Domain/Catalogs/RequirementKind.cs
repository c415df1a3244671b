namespace Castellan.Domain.Catalogs;

/// <summary>What a catalog node is. The wire names are those used in catalog files and JSON output.</summary>
public enum RequirementKind
{
    Clause,
    Theme,
    Control,
    FoundationalRequirement,
    SystemRequirement,
    ComponentRequirement,
    RequirementEnhancement,
    CommonComponentSecurityConstraint,
    Practice,
    SecurityProgramElement,
    Group,
    FunctionalArea,
    ZoneConduitRequirement,
    Requirement,
}

public static class RequirementKindNames
{
    public static string ToWire(this RequirementKind kind) => kind switch
    {
        RequirementKind.Clause => "clause",
        RequirementKind.Theme => "theme",
        RequirementKind.Control => "control",
        RequirementKind.FoundationalRequirement => "FR",
        RequirementKind.SystemRequirement => "SR",
        RequirementKind.ComponentRequirement => "CR",
        RequirementKind.RequirementEnhancement => "RE",
        RequirementKind.CommonComponentSecurityConstraint => "CCSC",
        RequirementKind.Practice => "practice",
        RequirementKind.SecurityProgramElement => "SPE",
        RequirementKind.Group => "group",
        RequirementKind.FunctionalArea => "functional-area",
        RequirementKind.ZoneConduitRequirement => "ZCR",
        RequirementKind.Requirement => "requirement",
    };

    public static bool TryParse(string? text, out RequirementKind kind) => WireNames.TryParse(text, ToWire, out kind);

    public static string AllWireNames => string.Join(", ", Enum.GetValues<RequirementKind>().Select(k => k.ToWire()));
}
