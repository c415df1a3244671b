namespace Castellan.Domain.Zones.Rules;

/// <summary>
/// Every zone of a workspace that keeps a risk register has a detailed risk assessment: a threat scenario in its scope
/// (IEC 62443-3-2 ZCR 5; ISO/IEC 27001 6.1.2). A workspace without a register is not judged by the risk rules.
/// </summary>
public sealed class ZoneWithoutRiskAssessment : IRule
{
    public string Id => "zone-without-risk-assessment";

    public string Clause => "IEC 62443-3-2 ZCR 5";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        if (context.Workspace.Risk is not { } register)
        {
            return [];
        }

        var assessed = register.Assessments.SelectMany(a => a.Scenarios).Select(s => s.Scope).ToHashSet(StringComparer.Ordinal);
        return context.Workspace.Zones.Where(z => !assessed.Contains("zone:" + z.Id)).Select(z => new Finding(Id, Severity.Warning, Clause, [$"zone:{z.Id}"],
            $"Zone '{z.Id}' has no risk assessment: no threat scenario in scope zone:{z.Id}.",
            "Add the zone's threat scenarios (risk.assessments[].scenarios with scope zone:ID): threats, vulnerabilities, consequences, likelihood, residual risk."));
    }
}
