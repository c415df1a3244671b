namespace Castellan.Domain.Risk;

/// <summary>
/// How much risk a gap leaves: for every control or requirement a treatment names (Annex A "A.8.22", IEC 62443
/// "SR 1.13 RE 1"), the worst risk that relies on it — residual band first, then inherent band — and which risk that is.
/// The gap analysis orders its actions by it when a register is given.
/// </summary>
public static class GapRiskWeights
{
    public sealed record Weight(int Residual, int Inherent, string Risk, string Band)
    {
        /// <summary>Worse residual, then worse inherent; the lower risk id wins a tie, so order never matters.</summary>
        public bool IsWorseThan(Weight? other) =>
            other is null
            || Residual > other.Residual
            || (Residual == other.Residual && Inherent > other.Inherent)
            || (Residual == other.Residual && Inherent == other.Inherent && string.CompareOrdinal(Risk, other.Risk) < 0);
    }

    public static IReadOnlyDictionary<string, Weight> From(RiskRegister register)
    {
        var weights = new Dictionary<string, Weight>(StringComparer.Ordinal);
        foreach (var row in RiskRating.Rows(register))
        {
            var weight = new Weight(row.Residual.Band, row.Inherent.Band, row.Scenario.Id, register.Matrix.Bands[row.Residual.Band]);
            foreach (var control in row.Scenario.Treatment?.Controls ?? [])
            {
                if (!weights.TryGetValue(control, out var current) || weight.IsWorseThan(current))
                {
                    weights[control] = weight;
                }
            }
        }

        return weights;
    }
}
