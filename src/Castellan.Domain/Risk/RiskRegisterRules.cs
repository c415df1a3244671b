using System.Text.RegularExpressions;
using Castellan.Domain.Zones;

namespace Castellan.Domain.Risk;

/// <summary>
/// What must hold for a register to be read at all: a valid matrix, step names that exist, known scopes, systems and
/// zones, unique ids, and residual risk never above inherent (countermeasures only reduce). Findings that a valid
/// register may still carry are rules of the check command.
/// </summary>
public static partial class RiskRegisterRules
{
    public static IReadOnlyList<RiskProblem> Check(RiskRegister register, Workspace workspace)
    {
        var problems = new List<RiskProblem>(register.Matrix.Validate());
        if (problems.Count > 0)
        {
            return problems;
        }

        var matrix = register.Matrix;
        var zones = workspace.Zones.Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        var conduits = workspace.Conduits.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var systems = workspace.Sites.SelectMany(s => s.Systems).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var assessmentIds = new HashSet<string>(StringComparer.Ordinal);
        var scenarioIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assessment in register.Assessments)
        {
            void Add(string field, string message) => problems.Add(new("assessment", assessment.Id, field, message));
            if (!assessmentIds.Add(assessment.Id))
            {
                Add("id", $"duplicate assessment id '{assessment.Id}'");
            }

            if (assessment.System is { } system && !systems.Contains(system))
            {
                Add("system", $"unknown system under consideration '{system}'");
            }

            foreach (var step in assessment.Steps.Where(s => s.Zcr is < 1 or > 7))
            {
                Add("steps", $"ZCR {step.Zcr} is not a step of IEC 62443-3-2 (1–7)");
            }

            foreach (var scenario in assessment.Scenarios)
            {
                CheckScenario(problems, matrix, scenario, scenarioIds, zones, conduits);
            }
        }

        var derived = new HashSet<string>(StringComparer.Ordinal);
        foreach (var derivation in register.Derivations)
        {
            void Add(string field, string message) => problems.Add(new("derivation", derivation.Zone, field, message));
            if (!zones.Contains(derivation.Zone))
            {
                Add("zone", $"unknown zone '{derivation.Zone}'");
            }

            if (!derived.Add(derivation.Zone))
            {
                Add("zone", $"zone '{derivation.Zone}' has two derivations");
            }

            if (derivation.Method == SltMethod.ThreatCapability && derivation.Actor is null)
            {
                Add("actor", "the threat-capability method needs the credible threat actor (means, resources, skills, motivation)");
            }

            if (derivation.Override is { } manual && string.IsNullOrWhiteSpace(manual.Reason))
            {
                Add("override", "an override records its reason");
            }

            foreach (var fr in derivation.Refinements.GroupBy(r => r.Fr).Where(g => g.Count() > 1))
            {
                Add("refine", $"FR {fr.Key} is refined twice");
            }
        }

        return problems;
    }

    private static void CheckScenario(List<RiskProblem> problems, RiskMatrix matrix, ThreatScenario scenario, HashSet<string> ids, HashSet<string> zones, HashSet<string> conduits)
    {
        void Add(string field, string message) => problems.Add(new("scenario", scenario.Id, field, message));
        if (!ids.Add(scenario.Id))
        {
            Add("id", $"duplicate scenario id '{scenario.Id}'");
        }

        var known = scenario.Scope.StartsWith("zone:", StringComparison.Ordinal) ? zones.Contains(scenario.Scope[5..])
            : scenario.Scope.StartsWith("conduit:", StringComparison.Ordinal) && conduits.Contains(scenario.Scope[8..]);
        if (!known)
        {
            Add("scope", $"unknown scope '{scenario.Scope}' (write zone:ID or conduit:ID)");
        }

        foreach (var technique in scenario.Techniques.Where(t => !TechniqueId().IsMatch(t)))
        {
            Add("attack", $"'{technique}' is not a MITRE ATT&CK for ICS technique id (T0800–T0899, e.g. T0866)");
        }

        if (scenario.Consequences.Count == 0)
        {
            Add("consequences", "a scenario scores at least one consequence (ZCR 5.3)");
        }

        foreach (var consequence in scenario.Consequences)
        {
            if (matrix.ImpactIndex(consequence.Impact) < 0)
            {
                Add("consequences", $"impact '{consequence.Impact}' is not a step of the matrix ({string.Join(", ", matrix.Impact)})");
            }
            else if (!matrix.Categories.Contains(consequence.Category))
            {
                Add("consequences", $"category '{consequence.Category.ToWire()}' is not one of the matrix's categories");
            }
        }

        foreach (var (field, step) in new[] { ("likelihood", scenario.Likelihood), ("residual.likelihood", scenario.ResidualLikelihood) })
        {
            if (matrix.LikelihoodIndex(step) < 0)
            {
                Add(field, $"'{step}' is not a likelihood step of the matrix ({string.Join(", ", matrix.Likelihood)})");
            }
        }

        if (matrix.ImpactIndex(scenario.ResidualImpact) < 0)
        {
            Add("residual.impact", $"'{scenario.ResidualImpact}' is not an impact step of the matrix ({string.Join(", ", matrix.Impact)})");
        }

        var stepsKnown = matrix.LikelihoodIndex(scenario.Likelihood) >= 0 && matrix.LikelihoodIndex(scenario.ResidualLikelihood) >= 0
            && matrix.ImpactIndex(scenario.ResidualImpact) >= 0 && scenario.Consequences.Count > 0
            && scenario.Consequences.All(c => matrix.ImpactIndex(c.Impact) >= 0);
        if (!stepsKnown)
        {
            return; // residual and inherent cannot be compared until every step names a step of the matrix
        }

        // ZCR 5.9: countermeasures only reduce; a residual above the unmitigated rating is a recording error.
        if (matrix.LikelihoodIndex(scenario.ResidualLikelihood) > matrix.LikelihoodIndex(scenario.Likelihood))
        {
            Add("residual.likelihood", $"'{scenario.ResidualLikelihood}' is above the unmitigated likelihood '{scenario.Likelihood}'");
        }

        if (matrix.ImpactIndex(scenario.ResidualImpact) > RiskRating.WorstImpact(matrix, scenario))
        {
            Add("residual.impact", $"'{scenario.ResidualImpact}' is above the worst consequence '{matrix.Impact[RiskRating.WorstImpact(matrix, scenario)]}'");
        }

        foreach (var control in scenario.Treatment?.Controls ?? [])
        {
            if (!IsAnnexAControl(control) && !RequirementId().IsMatch(control))
            {
                Add("treatment.controls", $"'{control}' is neither an ISO/IEC 27001 Annex A control (A.5.1–A.8.34) nor an IEC 62443 requirement (e.g. SR 1.13 RE 1)");
            }
        }
    }

    public static bool IsAnnexAControl(string id) => AnnexA().IsMatch(id);

    [GeneratedRegex(@"^T08\d\d$")]
    private static partial Regex TechniqueId();

    [GeneratedRegex(@"^A\.[5-8]\.\d{1,2}$")]
    private static partial Regex AnnexA();

    [GeneratedRegex(@"^((SR|CR|SAR|EDR|HDR|NDR) \d{1,2}\.\d{1,2}( RE \d{1,2})?|[A-Z]{2,5}[ .-]\d{1,2}(\.\d{1,2})*)$")]
    private static partial Regex RequirementId();
}
