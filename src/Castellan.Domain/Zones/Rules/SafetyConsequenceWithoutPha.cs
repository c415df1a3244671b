using Castellan.Domain.Risk;

namespace Castellan.Domain.Zones.Rules;

/// <summary>
/// A health and safety consequence is scored from the process hazard analysis, not guessed: it names the PHA / HAZOP /
/// SIS reference it comes from (IEC 61511-1 8.2.4; ISA TR84.00.09; IEC 62443-3-2 ZCR 5.3).
/// </summary>
public sealed class SafetyConsequenceWithoutPha : IRule
{
    public string Id => "safety-consequence-without-pha-link";

    public string Clause => "IEC 62443-3-2 ZCR 5.3";

    public IEnumerable<Finding> Evaluate(CheckContext context) =>
        (context.Workspace.Risk?.Assessments ?? []).SelectMany(a => a.Scenarios)
            .Where(s => s.Consequences.Any(c => c.Category == ImpactCategory.HealthSafety && string.IsNullOrWhiteSpace(c.Pha)))
            .Select(s => new Finding(Id, Severity.Error, Clause, [$"risk:{s.Id}", s.Scope],
                $"Risk '{s.Id}' scores a health and safety consequence without a link to the process hazard analysis or SIS.",
                "Name the HAZOP / LOPA node or SIF the consequence comes from (consequences[].pha), so process safety and security agree."));
}
