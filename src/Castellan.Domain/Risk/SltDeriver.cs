using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Risk;

/// <summary>The outcome of ZCR 5.6 for one zone: the base SL, the per-FR vector, and each step that led to them.</summary>
public sealed record SltResult(string Zone, SltMethod Method, int BaseLevel, SlVector Derived, IReadOnlyList<string> Steps, SltOverride? Override)
{
    /// <summary>What the zone's SL-T should be: the override when one is recorded, else the derivation.</summary>
    public SlVector Expected => Override?.Slt ?? Derived;
}

/// <summary>
/// Derives a zone's SL-T (IEC 62443-3-2 ZCR 5.6). The standard leaves the method to the asset owner; the three common
/// ones are implemented as stated in docs/workspace.md, each a pure function of the register: the same register gives
/// the same vector and the same steps.
/// </summary>
public static class SltDeriver
{
    public static SltResult Derive(RiskRegister register, SltDerivation derivation)
    {
        var scope = "zone:" + derivation.Zone;
        return Derive(register.Matrix, derivation, [.. register.Assessments.SelectMany(a => a.Scenarios).Where(s => s.Scope == scope)]);
    }

    /// <summary>Every derivation of the register, the scenarios indexed by scope once (linear in the register).</summary>
    public static IReadOnlyList<SltResult> DeriveAll(RiskRegister register)
    {
        var byScope = register.Assessments.SelectMany(a => a.Scenarios).ToLookup(s => s.Scope, StringComparer.Ordinal);
        return [.. register.Derivations.Select(d => Derive(register.Matrix, d, [.. byScope["zone:" + d.Zone]]))];
    }

    private static SltResult Derive(RiskMatrix matrix, SltDerivation derivation, IReadOnlyList<ThreatScenario> scenarios)
    {
        var scope = "zone:" + derivation.Zone;
        var steps = new List<string> { $"Method: {derivation.Method.ToWire()} ({scenarios.Count} threat scenario(s) in scope {scope})." };
        var level = derivation.Method switch
        {
            SltMethod.RiskReduction => RiskReduction(matrix, scenarios, steps),
            SltMethod.ThreatCapability => ThreatCapability(derivation.Actor, steps),
            SltMethod.Consequence => Consequence(matrix, scenarios, steps),
        };
        var levels = Enumerable.Repeat(level, SlVector.Count).ToArray();
        steps.Add($"Base vector: {new SlVector(levels)} (SL {level} on every FR).");
        foreach (var refinement in derivation.Refinements.OrderBy(r => r.Fr))
        {
            levels[refinement.Fr - 1] = refinement.Level;
            steps.Add($"FR {refinement.Fr} ({SlVector.Abbreviations[refinement.Fr - 1]}) set to {refinement.Level}: {refinement.Reason}");
        }

        var derived = new SlVector(levels);
        steps.Add($"Derived SL-T: {derived}.");
        if (derivation.Override is { } manual)
        {
            steps.Add($"Overridden by hand to {manual.Slt}: {manual.Reason}");
        }

        return new SltResult(derivation.Zone, derivation.Method, level, derived, steps, derivation.Override);
    }

    /// <summary>SL = bands between the worst unmitigated risk and the tolerable line, 1–4 (no reduction needed: SL 1).</summary>
    private static int RiskReduction(RiskMatrix matrix, IReadOnlyList<ThreatScenario> scenarios, List<string> steps)
    {
        if (scenarios.Count == 0)
        {
            steps.Add("No scenario: no risk reduction is shown to be needed; SL 1 (protection against casual violation).");
            return 1;
        }

        var worst = scenarios.Select(s => (Scenario: s, Score: RiskRating.Inherent(matrix, s)))
            .OrderByDescending(x => x.Score.Band).ThenBy(x => x.Scenario.Id, StringComparer.Ordinal).First();
        var reduction = Math.Max(0, worst.Score.Band - matrix.TolerableBand);
        steps.Add($"Worst unmitigated risk: '{matrix.Bands[worst.Score.Band]}' ({worst.Scenario.Id}: {matrix.Likelihood[worst.Score.Likelihood]} × {matrix.Impact[worst.Score.Impact]}).");
        steps.Add($"Tolerable line: '{matrix.Tolerable}'; reduction needed: {reduction} band(s).");
        var level = Math.Clamp(reduction, 1, 4);
        steps.Add($"SL = bands of reduction, 1–4: SL {level}.");
        return level;
    }

    /// <summary>
    /// The lowest SL whose attacker profile covers the actor on every attribute (IEC 62443-3-3 §4): SL 2 simple means,
    /// low resources, generic skills, low motivation; SL 3 sophisticated means, moderate resources, IACS-specific skills,
    /// moderate motivation; SL 4 extended resources or high motivation.
    /// </summary>
    private static int ThreatCapability(ThreatActor? actor, List<string> steps)
    {
        if (actor is null)
        {
            steps.Add("No threat actor recorded: SL 1 (casual or coincidental violation only).");
            return 1;
        }

        var attributes = new[]
        {
            ("means", actor.Means, Means(actor.Means)),
            ("resources", actor.Resources, Resources(actor.Resources)),
            ("skills", actor.Skills, Skills(actor.Skills)),
            ("motivation", actor.Motivation, Motivation(actor.Motivation)),
        };
        foreach (var (name, value, sl) in attributes)
        {
            steps.Add($"Actor {name} '{value}': covered from SL {sl}.");
        }

        var level = attributes.Max(a => a.Item3);
        steps.Add($"SL = the lowest level covering every attribute: SL {level}.");
        return level;
    }

    /// <summary>SL = 1 + 3 × (worst impact step) / (impact steps − 1), rounded down: the top step gives SL 4.</summary>
    private static int Consequence(RiskMatrix matrix, IReadOnlyList<ThreatScenario> scenarios, List<string> steps)
    {
        var worst = scenarios.SelectMany(s => s.Consequences.Select(c => (Scenario: s, Consequence: c, Index: matrix.ImpactIndex(c.Impact))))
            .OrderByDescending(x => x.Index).ThenBy(x => x.Scenario.Id, StringComparer.Ordinal).ThenBy(x => x.Consequence.Category).FirstOrDefault();
        if (worst.Scenario is null)
        {
            steps.Add("No consequence recorded: SL 1.");
            return 1;
        }

        var level = 1 + (3 * worst.Index / (matrix.Impact.Count - 1));
        steps.Add($"Worst consequence: '{worst.Consequence.Impact}' ({worst.Consequence.Category.ToWire()}, {worst.Scenario.Id}), step {worst.Index + 1} of {matrix.Impact.Count}.");
        steps.Add($"SL = 1 + 3 × {worst.Index} / {matrix.Impact.Count - 1}, rounded down: SL {level}.");
        return level;
    }

    public static readonly string[] MeansValues = ["simple", "sophisticated"];
    public static readonly string[] ResourcesValues = ["low", "moderate", "extended"];
    public static readonly string[] SkillsValues = ["generic", "iacs-specific"];
    public static readonly string[] MotivationValues = ["low", "moderate", "high"];

    private static int Means(string value) => value == "sophisticated" ? 3 : 2;

    private static int Resources(string value) => value switch { "extended" => 4, "moderate" => 3, _ => 2 };

    private static int Skills(string value) => value == "iacs-specific" ? 3 : 2;

    private static int Motivation(string value) => value switch { "high" => 4, "moderate" => 3, _ => 2 };
}
