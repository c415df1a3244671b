using Castellan.Core.Catalogs;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Risk;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;
using static Castellan.Domain.Tests.Risk.RiskSamples;
using static Castellan.Domain.Tests.Zones.WorkspaceBuilder;

namespace Castellan.Domain.Tests.Risk;

public sealed class RiskRuleTests
{
    private static readonly Catalog SystemRequirements = ShippedCatalogs.Instance.Find(new CatalogId("iec62443-3-3-2013"))!;

    private static List<Finding> Run(Workspace workspace, string rule) =>
        [.. WorkspaceChecker.Run(workspace, SystemRequirements, new DateOnly(2026, 11, 25)).Findings.Where(f => f.Rule == rule)];

    private static Workspace Assessed(params ThreatScenario[] scenarios) => Plant() with
    {
        Risk = Register([
            Scenario("r-dmz", "zone:dmz", "possible", "serious", "rare", "serious"),
            Scenario("r-scada", "zone:scada", "possible", "serious", "rare", "serious"),
            Scenario("r-control", "zone:control", "possible", "serious", "rare", "serious"),
            .. scenarios]),
    };

    [Fact]
    public void ZoneWithoutRiskAssessment_OnlyWhenTheWorkspaceKeepsARegister()
    {
        Run(Plant(), "zone-without-risk-assessment").ShouldBeEmpty();
        Run(Plant() with { Risk = Register(Scenario("r", "zone:scada", "possible", "serious", "rare", "minor")) }, "zone-without-risk-assessment")
            .Select(f => f.Objects[0]).ShouldBe(["zone:dmz", "zone:control"], ignoreOrder: true);
        Run(Assessed(), "zone-without-risk-assessment").ShouldBeEmpty();
    }

    [Fact]
    public void ResidualAboveTolerable_WithoutAcceptance_IsAnError()
    {
        var finding = Run(Assessed(Scenario("r-high", "zone:scada", "likely", "major", "possible", "major")), "residual-above-tolerable-without-acceptance").ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Error);
        finding.Objects.ShouldBe(["risk:r-high", "zone:scada"]);
    }

    [Fact]
    public void ResidualAboveTolerable_Accepted_IsNoFinding() =>
        Run(Assessed(Scenario("r-high", "zone:scada", "likely", "major", "possible", "major",
            treatment: new Treatment { Decision = TreatmentDecision.Accept, Acceptance = new Acceptance("Plant manager", new DateOnly(2025, 5, 6), "RC-2025-05") })),
            "residual-above-tolerable-without-acceptance").ShouldBeEmpty();

    [Fact]
    public void SafetyConsequence_WithoutPhaLink_IsAnError()
    {
        Run(Assessed(Scenario("r-hs", "zone:control", "possible", "major", "rare", "major", ImpactCategory.HealthSafety)), "safety-consequence-without-pha-link")
            .ShouldHaveSingleItem().Objects.ShouldBe(["risk:r-hs", "zone:control"]);
        Run(Assessed(Scenario("r-hs", "zone:control", "possible", "major", "rare", "major", ImpactCategory.HealthSafety, pha: "HAZOP node 7")), "safety-consequence-without-pha-link")
            .ShouldBeEmpty();
    }

    [Fact]
    public void SltDiffersFromDerivation_WithoutOverride_IsAnError_WithOverride_IsNot()
    {
        // r-scada is significant unmitigated: one band above moderate, SL 1; the zone records SL 2.
        var derivation = new SltDerivation { Zone = "scada", Method = SltMethod.RiskReduction };
        var plant = Assessed();
        var finding = Run(plant with { Risk = plant.Risk! with { Derivations = [derivation] } }, "slt-differs-from-derivation-without-override-reason").ShouldHaveSingleItem();
        finding.Message.ShouldContain("1 1 1 1 1 1 1");

        var overridden = derivation with { Override = new SltOverride(SlVector.Uniform(2), "Vendor support contract requires SL 2") };
        Run(plant with { Risk = plant.Risk! with { Derivations = [overridden] } }, "slt-differs-from-derivation-without-override-reason").ShouldBeEmpty();
    }

    [Fact]
    public void RegisterRules_ResidualAboveInherent_IsRefused()
    {
        var problems = RiskRegisterRules.Check(Register(Scenario("r", "zone:scada", "unlikely", "serious", "likely", "major")), Plant());
        problems.Select(p => p.Field).ShouldBe(["residual.likelihood", "residual.impact"]);
    }

    [Fact]
    public void RegisterRules_UnknownScopeStepAndControl_AreRefused()
    {
        var problems = RiskRegisterRules.Check(Register(
            Scenario("a", "zone:nowhere", "possible", "serious", "rare", "minor"),
            Scenario("b", "zone:scada", "sometimes", "serious", "rare", "minor"),
            Scenario("c", "zone:scada", "possible", "serious", "rare", "minor", treatment: new Treatment { Decision = TreatmentDecision.Mitigate, Controls = ["A.9.9"] })), Plant());
        problems.Select(p => (p.Id, p.Field)).ShouldBe([("a", "scope"), ("b", "likelihood"), ("c", "treatment.controls")]);
    }

    [Fact]
    public void SoaReasons_ListPerAnnexAControlTheRisksThatMitigateThroughIt()
    {
        var mitigate = new Treatment { Decision = TreatmentDecision.Mitigate, Controls = ["A.8.22", "A.5.21", "SR 5.1"] };
        var register = Register(
            Scenario("r2", "zone:scada", "possible", "serious", "rare", "minor", treatment: mitigate),
            Scenario("r1", "zone:dmz", "possible", "serious", "rare", "minor", treatment: mitigate with { Controls = ["A.8.22"] }),
            Scenario("r3", "zone:dmz", "possible", "serious", "rare", "minor", treatment: new Treatment { Decision = TreatmentDecision.Accept, Controls = ["A.8.7"] }));

        SoaReasons.Derive(register).Select(r => (r.Control, string.Join(" ", r.Risks))).ShouldBe([("A.5.21", "r2"), ("A.8.22", "r1 r2")]);
    }
}
