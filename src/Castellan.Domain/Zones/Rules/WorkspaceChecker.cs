using Castellan.Domain.Catalogs;
using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Zones.Rules;

public sealed record CheckReport(IReadOnlyList<Finding> Findings, IReadOnlyList<ZoneLevels> Zones)
{
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>The report with findings from outside the workspace (e.g. open vulnerabilities) merged in the same order.</summary>
    public CheckReport With(IEnumerable<Finding> more) => this with { Findings = WorkspaceChecker.Order(Findings.Concat(more)) };
}

/// <summary>Runs every rule over a workspace: the checks an IEC 62443 assessor would make, as code.</summary>
public static class WorkspaceChecker
{
    public static IReadOnlyList<IRule> Rules { get; } =
    [
        new AssetWithoutZone(),
        new AssetInTwoZones(),
        new FlowWithoutConduit(),
        new SafetyWithControl(),
        new BusinessWithIacs(),
        new WirelessNotSeparated(),
        new TemporaryNotSeparated(),
        new ExternalNotSeparated(),
        new EnterpriseToControlWithoutDmz(),
        new MissingTargetLevel(),
        new ConduitBelowZone(),
        new AchievedBelowTarget(),
        new ComponentBelowTarget(),
        new LegacyWithoutCompensation(),
        new RemoteAccessWithoutApproval(),
        new UnknownRequirement(),
        new ZoneWithoutRiskAssessment(),
        new ResidualAboveTolerable(),
        new SafetyConsequenceWithoutPha(),
        new SltDiffersFromDerivation(),
    ];

    /// <summary>Findings ordered by severity (errors first), rule, then objects: the same workspace gives the same report.</summary>
    public static CheckReport Run(Workspace workspace, Catalog systemRequirements, DateOnly today)
    {
        var context = new CheckContext(workspace, systemRequirements, today);
        return new CheckReport(Order(Rules.SelectMany(rule => rule.Evaluate(context))), [.. workspace.Zones.Select(z => context.Levels[z.Id])]);
    }

    /// <summary>Errors first, then rule, then objects.</summary>
    public static IReadOnlyList<Finding> Order(IEnumerable<Finding> findings) =>
        [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => string.Join(" ", f.Objects), StringComparer.Ordinal)];
}
