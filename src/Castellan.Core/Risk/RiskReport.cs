using Castellan.Domain.Advisories;
using Castellan.Domain.Risk;
using Castellan.Domain.Zones;

namespace Castellan.Core.Risk;

/// <summary>Everything the register commands show, computed once from a workspace: rows, derivations and SoA reasons.</summary>
public sealed record RiskReport(RiskRegister Register, IReadOnlyList<RiskRow> Rows, IReadOnlyList<SltResult> Derivations, IReadOnlyList<SoaReason> SoaReasons)
{
    /// <summary>How many advisories the open vulnerabilities come from; null when none were assessed (no advisories).</summary>
    public int? Advisories { get; init; }

    /// <summary>ZCR 5.2: the open vulnerabilities per zone, inputs of the zone's detailed assessment.</summary>
    public IReadOnlyList<ZoneVulnerabilities> Vulnerabilities { get; init; } = [];

    /// <summary>The register of a workspace; a workspace without a <c>risk:</c> section is refused with a clear message.</summary>
    public static RiskReport Of(Workspace workspace, string file)
    {
        var register = workspace.Risk ?? throw new Common.InputException($"{file}: the workspace has no risk register (a 'risk:' section, docs/workspace.md)");
        return For(register);
    }

    /// <summary>The report of a register (or of the part of it one site covers).</summary>
    public static RiskReport For(RiskRegister register) =>
        new(register, RiskRating.Rows(register), SltDeriver.DeriveAll(register), Domain.Risk.SoaReasons.Derive(register));
}
