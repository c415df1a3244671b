using Castellan.Domain.Risk;
using FsCheck.Xunit;
using static Castellan.Domain.Tests.Risk.RiskSamples;

namespace Castellan.Domain.Tests.Risk;

public sealed class RiskMatrixTests
{
    [Fact]
    public void Validate_TheSampleMatrix_IsValid() => Matrix.Validate().ShouldBeEmpty();

    [Fact]
    public void Validate_TwoLikelihoodSteps_IsRefused() =>
        (Matrix with { Likelihood = ["low", "high"], Cells = [Matrix.Cells[0], Matrix.Cells[1]] }).Validate()
            .ShouldContain(p => p.Field == "likelihood" && p.Message.Contains("3 to 7", StringComparison.Ordinal));

    [Fact]
    public void Validate_EightImpactSteps_IsRefused() =>
        (Matrix with { Impact = ["a", "b", "c", "d", "e", "f", "g", "h"] }).Validate().ShouldContain(p => p.Field == "impact");

    [Fact]
    public void Validate_ABandThatFallsAsLikelihoodRises_IsRefused()
    {
        var cells = Matrix.Cells.Select(r => r.ToList()).ToList();
        cells[3][4] = "significant"; // likely × catastrophic below possible × catastrophic (critical)
        (Matrix with { Cells = [.. cells] }).Validate()
            .ShouldContain(p => p.Field == "cells.likely[5]" && p.Message.Contains("must not fall as likelihood rises", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ABandThatFallsAsImpactRises_IsRefused()
    {
        var cells = Matrix.Cells.Select(r => r.ToList()).ToList();
        cells[0][2] = "high"; // rare × serious above rare × major (moderate)
        (Matrix with { Cells = [.. cells] }).Validate().ShouldContain(p => p.Message.Contains("must not fall as impact rises", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AnUnknownTolerableBand_IsRefused() =>
        (Matrix with { Tolerable = "acceptable" }).Validate().ShouldContain(p => p.Field == "tolerable" && p.Message.Contains("not one of the bands", StringComparison.Ordinal));

    [Fact]
    public void Validate_ATolerableLineBelowEveryCell_IsRefused()
    {
        var cells = Matrix.Cells.Select(r => r.Select(b => b == "low" ? "moderate" : b).ToList()).ToList();
        (Matrix with { Cells = [.. cells], Tolerable = "low" }).Validate().ShouldContain(p => p.Field == "tolerable" && p.Message.Contains("no cell is tolerable", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AnUnknownBandInACell_IsRefused()
    {
        var cells = Matrix.Cells.Select(r => r.ToList()).ToList();
        cells[1][1] = "medium";
        (Matrix with { Cells = [.. cells] }).Validate().ShouldContain(p => p.Field == "cells.unlikely" && p.Message.Contains("'medium'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ARowOfTheWrongLength_IsRefused() =>
        (Matrix with { Cells = [.. Matrix.Cells.Take(4), ["low", "low"]] }).Validate().ShouldContain(p => p.Field == "cells.almost-certain");

    [Property(MaxTest = 300)]
    public bool RaisingLikelihoodOrImpact_NeverLowersTheRisk(int seed, int l, int i)
    {
        var matrix = RandomMonotoneMatrix(seed);
        var li = Math.Abs(l % matrix.Likelihood.Count);
        var ii = Math.Abs(i % matrix.Impact.Count);
        var band = matrix.Band(li, ii);
        return (li + 1 >= matrix.Likelihood.Count || matrix.Band(li + 1, ii) >= band)
            && (ii + 1 >= matrix.Impact.Count || matrix.Band(li, ii + 1) >= band);
    }

    [Property(MaxTest = 300)]
    public bool ResidualFromReducingCountermeasures_IsNeverAboveInherent(int seed, int l, int i, int dl, int di)
    {
        var matrix = RandomMonotoneMatrix(seed);
        var li = Math.Abs(l % matrix.Likelihood.Count);
        var ii = Math.Abs(i % matrix.Impact.Count);
        var rl = li - Math.Abs(dl % (li + 1));
        var ri = ii - Math.Abs(di % (ii + 1));
        var scenario = Scenario("r", "zone:z", matrix.Likelihood[li], matrix.Impact[ii], matrix.Likelihood[rl], matrix.Impact[ri]);
        return RiskRating.Residual(matrix, scenario).Band <= RiskRating.Inherent(matrix, scenario).Band;
    }

    /// <summary>
    /// A random matrix that passes validation: 3–7 steps per axis, bands from a monotone score (likelihood + impact,
    /// with random weights), cut into 2–5 bands.
    /// </summary>
    internal static RiskMatrix RandomMonotoneMatrix(int seed)
    {
        var random = new Random(seed);
        var rows = random.Next(3, 8);
        var columns = random.Next(3, 8);
        var bands = random.Next(2, 6);
        var wl = random.Next(1, 4);
        var wi = random.Next(1, 4);
        var max = (wl * (rows - 1)) + (wi * (columns - 1));
        var names = Enumerable.Range(0, bands).Select(b => $"b{b}").ToList();
        return new RiskMatrix
        {
            Likelihood = [.. Enumerable.Range(0, rows).Select(r => $"l{r}")],
            Impact = [.. Enumerable.Range(0, columns).Select(c => $"i{c}")],
            Bands = names,
            Tolerable = names[random.Next(0, bands - 1)],
            Cells = [.. Enumerable.Range(0, rows).Select(r => (IReadOnlyList<string>)[.. Enumerable.Range(0, columns)
                .Select(c => names[Math.Min(bands - 1, ((wl * r) + (wi * c)) * bands / (max + 1))])])],
        };
    }

    [Property(MaxTest = 100)]
    public bool RandomMonotoneMatrices_AreValid(int seed) => RandomMonotoneMatrix(seed).Validate().Count == 0;
}
