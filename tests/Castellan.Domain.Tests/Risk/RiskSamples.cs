using Castellan.Domain.Risk;

namespace Castellan.Domain.Tests.Risk;

/// <summary>A 5 × 5 matrix and scenarios for the risk tests.</summary>
internal static class RiskSamples
{
    public static readonly RiskMatrix Matrix = new()
    {
        Likelihood = ["rare", "unlikely", "possible", "likely", "almost-certain"],
        Impact = ["minor", "moderate", "serious", "major", "catastrophic"],
        Bands = ["low", "moderate", "significant", "high", "critical"],
        Tolerable = "moderate",
        Cells =
        [
            ["low", "low", "low", "moderate", "significant"],
            ["low", "low", "moderate", "significant", "high"],
            ["low", "moderate", "significant", "high", "critical"],
            ["moderate", "significant", "high", "critical", "critical"],
            ["moderate", "significant", "high", "critical", "critical"],
        ],
    };

    public static ThreatScenario Scenario(string id, string scope, string likelihood, string impact, string residualLikelihood, string residualImpact,
        ImpactCategory category = ImpactCategory.Production, string? pha = null, Treatment? treatment = null) => new()
    {
        Id = id,
        Title = id,
        Scope = scope,
        ThreatSource = "ransomware affiliate",
        Vector = "phishing",
        Consequences = [new Consequence(category, impact, null, pha)],
        Likelihood = likelihood,
        ResidualLikelihood = residualLikelihood,
        ResidualImpact = residualImpact,
        Treatment = treatment,
    };

    public static RiskRegister Register(params ThreatScenario[] scenarios) => new()
    {
        Matrix = Matrix,
        Assessments = [new RiskAssessment { Id = "ra", Scenarios = scenarios }],
    };
}
