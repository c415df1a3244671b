namespace Castellan.Domain.Risk;

/// <summary>A matrix cell: likelihood and impact step indexes (0 = lowest) and the band they fall in.</summary>
public readonly record struct RiskScore(int Likelihood, int Impact, int Band);

/// <summary>
/// One row of the register: a scenario's inherent risk (unmitigated likelihood × worst consequence, ZCR 5.5) and its
/// residual risk (ZCR 5.10), each compared with the tolerable line (ZCR 5.7, 5.11).
/// </summary>
public sealed record RiskRow(string Assessment, ThreatScenario Scenario, RiskScore Inherent, RiskScore Residual, bool InherentTolerable, bool ResidualTolerable)
{
    public bool Accepted => Scenario.Treatment?.Acceptance is not null;
}

/// <summary>Rates every scenario of a register on its matrix. Pure and deterministic; assumes a validated register.</summary>
public static class RiskRating
{
    public static RiskScore Inherent(RiskMatrix matrix, ThreatScenario scenario)
    {
        var likelihood = matrix.LikelihoodIndex(scenario.Likelihood);
        var impact = WorstImpact(matrix, scenario);
        return new RiskScore(likelihood, impact, matrix.Band(likelihood, impact));
    }

    public static RiskScore Residual(RiskMatrix matrix, ThreatScenario scenario)
    {
        var likelihood = matrix.LikelihoodIndex(scenario.ResidualLikelihood);
        var impact = matrix.ImpactIndex(scenario.ResidualImpact);
        return new RiskScore(likelihood, impact, matrix.Band(likelihood, impact));
    }

    /// <summary>The highest impact step over the scenario's consequences (0 when it records none).</summary>
    public static int WorstImpact(RiskMatrix matrix, ThreatScenario scenario) =>
        scenario.Consequences.Count == 0 ? 0 : scenario.Consequences.Max(c => matrix.ImpactIndex(c.Impact));

    /// <summary>Every scenario, in register order (assessment, then scenario).</summary>
    public static IReadOnlyList<RiskRow> Rows(RiskRegister register)
    {
        var matrix = register.Matrix;
        var rows = new List<RiskRow>();
        foreach (var assessment in register.Assessments)
        {
            foreach (var scenario in assessment.Scenarios)
            {
                var inherent = Inherent(matrix, scenario);
                var residual = Residual(matrix, scenario);
                rows.Add(new RiskRow(assessment.Id, scenario, inherent, residual, matrix.IsTolerable(inherent.Band), matrix.IsTolerable(residual.Band)));
            }
        }

        return rows;
    }
}
