using Castellan.Domain.Risk;

namespace Castellan.Domain.Zones.Rules;

/// <summary>
/// A residual risk above the tolerable line needs more countermeasures or the risk owner's recorded acceptance
/// (IEC 62443-3-2 ZCR 5.11–5.12; ISO/IEC 27001 6.1.3 f).
/// </summary>
public sealed class ResidualAboveTolerable : IRule
{
    public string Id => "residual-above-tolerable-without-acceptance";

    public string Clause => "IEC 62443-3-2 ZCR 5.11";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        if (context.Workspace.Risk is not { } register)
        {
            return [];
        }

        var matrix = register.Matrix;
        return RiskRating.Rows(register).Where(r => !r.ResidualTolerable && !r.Accepted).Select(r => new Finding(Id, Severity.Error, Clause, [$"risk:{r.Scenario.Id}", r.Scenario.Scope],
            $"Risk '{r.Scenario.Id}' stays '{matrix.Bands[r.Residual.Band]}' after treatment, above the tolerable '{matrix.Tolerable}', and nobody accepted it.",
            "Add countermeasures until the residual risk is tolerable, or record the risk owner's acceptance (treatment.acceptance: by, date, reference)."));
    }
}
