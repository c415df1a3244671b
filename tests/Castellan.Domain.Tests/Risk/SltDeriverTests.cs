using Castellan.Domain.Risk;
using Castellan.Domain.SecurityLevels;
using FsCheck.Xunit;
using static Castellan.Domain.Tests.Risk.RiskSamples;

namespace Castellan.Domain.Tests.Risk;

public sealed class SltDeriverTests
{
    private static SltResult Derive(SltDerivation derivation, params ThreatScenario[] scenarios) =>
        SltDeriver.Derive(Register(scenarios) with { Derivations = [derivation] }, derivation);

    [Theory]
    [InlineData("possible", "serious", 1)]   // significant: one band above moderate
    [InlineData("possible", "major", 2)]     // high
    [InlineData("likely", "major", 3)]       // critical
    [InlineData("rare", "minor", 1)]         // tolerable already: SL 1
    public void RiskReduction_BandsAboveTolerable_GiveTheLevel(string likelihood, string impact, int level) =>
        Derive(new SltDerivation { Zone = "z", Method = SltMethod.RiskReduction }, Scenario("r", "zone:z", likelihood, impact, "rare", "minor"))
            .Derived.ShouldBe(SlVector.Uniform(level));

    [Theory]
    [InlineData("simple", "low", "generic", "low", 2)]
    [InlineData("sophisticated", "moderate", "iacs-specific", "moderate", 3)]
    [InlineData("sophisticated", "extended", "iacs-specific", "high", 4)]
    [InlineData("simple", "low", "iacs-specific", "low", 3)]
    public void ThreatCapability_TheLowestProfileCoveringTheActor(string means, string resources, string skills, string motivation, int level) =>
        Derive(new SltDerivation { Zone = "z", Method = SltMethod.ThreatCapability, Actor = new ThreatActor(means, resources, skills, motivation) })
            .BaseLevel.ShouldBe(level);

    [Theory]
    [InlineData("minor", 1)]
    [InlineData("moderate", 1)]
    [InlineData("serious", 2)]
    [InlineData("major", 3)]
    [InlineData("catastrophic", 4)]
    public void Consequence_TheWorstImpactGivesTheLevel(string impact, int level) =>
        Derive(new SltDerivation { Zone = "z", Method = SltMethod.Consequence }, Scenario("r", "zone:z", "rare", impact, "rare", "minor"))
            .BaseLevel.ShouldBe(level);

    [Fact]
    public void Refinements_SetSingleFrs_AndTheOverrideIsTheExpectedSlt()
    {
        var result = Derive(new SltDerivation
        {
            Zone = "z",
            Method = SltMethod.Consequence,
            Refinements = [new FrRefinement(4, 1, "not confidential"), new FrRefinement(6, 2, "monitored")],
            Override = new SltOverride(new SlVector(3, 3, 3, 1, 3, 2, 3), "SL 4 not achievable"),
        }, Scenario("r", "zone:z", "rare", "catastrophic", "rare", "minor"));

        result.Derived.ShouldBe(new SlVector(4, 4, 4, 1, 4, 2, 4));
        result.Expected.ShouldBe(new SlVector(3, 3, 3, 1, 3, 2, 3));
        result.Steps.ShouldContain(s => s.Contains("FR 4 (DC) set to 1", StringComparison.Ordinal));
        result.Steps[^1].ShouldContain("SL 4 not achievable");
    }

    [Fact]
    public void OtherZonesScenarios_DoNotCount() =>
        Derive(new SltDerivation { Zone = "z", Method = SltMethod.RiskReduction }, Scenario("r", "zone:other", "likely", "catastrophic", "rare", "minor"))
            .BaseLevel.ShouldBe(1);

    [Property(MaxTest = 200)]
    public bool Derivation_IsDeterministic_WhateverTheScenarioOrder(int seed, int method)
    {
        var random = new Random(seed);
        var m = Matrix;
        var scenarios = Enumerable.Range(0, random.Next(1, 8)).Select(n => Scenario($"r{n}", "zone:z",
            m.Likelihood[random.Next(5)], m.Impact[random.Next(5)], "rare", "minor")).ToArray();
        var derivation = new SltDerivation { Zone = "z", Method = (SltMethod)Math.Abs(method % 3), Actor = new ThreatActor("simple", "moderate", "generic", "low") };
        var a = Derive(derivation, scenarios);
        var b = Derive(derivation, [.. scenarios.Reverse()]);
        return a.Derived == b.Derived && a.Steps.Skip(1).SequenceEqual(b.Steps.Skip(1)) && a.Steps.SequenceEqual(Derive(derivation, scenarios).Steps);
    }
}
