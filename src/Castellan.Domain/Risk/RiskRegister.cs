using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Risk;

/// <summary>
/// One risk register for IT and OT: the ISO/IEC 27001 risk assessment and treatment (6.1.2, 6.1.3, 8.2, 8.3) run with
/// the IEC 62443-3-2 zone-based method, whose output is the SL-T of every zone (ZCR 5.6). Plain records: likelihood and
/// impact are step names of <see cref="Matrix"/>.
/// </summary>
public sealed record RiskRegister
{
    public required RiskMatrix Matrix { get; init; }

    public IReadOnlyList<RiskAssessment> Assessments { get; init; } = [];

    public IReadOnlyList<SltDerivation> Derivations { get; init; } = [];
}

/// <summary>The risk assessment of one system under consideration (ZCR 1), its workflow steps and threat scenarios.</summary>
public sealed record RiskAssessment
{
    public required string Id { get; init; }

    /// <summary>The SUC id (a site's system), when the assessment covers one.</summary>
    public string? System { get; init; }

    public IReadOnlyList<WorkflowStep> Steps { get; init; } = [];

    public IReadOnlyList<ThreatScenario> Scenarios { get; init; } = [];
}

/// <summary>
/// A recorded step of the IEC 62443-3-2 workflow: ZCR 1 SUC, 2 initial assessment, 3 partition, 4 comparison with
/// tolerable risk, 5 detailed assessment, 6 documentation (CRS), 7 asset-owner approval — who did it and when.
/// </summary>
public sealed record WorkflowStep(int Zcr, string By, DateOnly Date, string? Note);

/// <summary>
/// A threat scenario of the detailed assessment (ZCR 5.1–5.12) for one zone or conduit (scope "zone:ID" / "conduit:ID").
/// </summary>
public sealed record ThreatScenario
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Scope { get; init; }

    public required string ThreatSource { get; init; }

    public required string Vector { get; init; }

    /// <summary>MITRE ATT&amp;CK for ICS technique ids (T0xxx).</summary>
    public IReadOnlyList<string> Techniques { get; init; } = [];

    public IReadOnlyList<string> Vulnerabilities { get; init; } = [];

    public IReadOnlyList<Consequence> Consequences { get; init; } = [];

    /// <summary>ZCR 5.4: unmitigated likelihood.</summary>
    public required string Likelihood { get; init; }

    /// <summary>ZCR 5.8: countermeasures in place.</summary>
    public IReadOnlyList<string> Countermeasures { get; init; } = [];

    /// <summary>ZCR 5.9: likelihood re-evaluated with the countermeasures and the treatment.</summary>
    public required string ResidualLikelihood { get; init; }

    /// <summary>ZCR 5.9: impact re-evaluated with the countermeasures and the treatment.</summary>
    public required string ResidualImpact { get; init; }

    /// <summary>ZCR 5.12: additional countermeasures.</summary>
    public IReadOnlyList<string> Additional { get; init; } = [];

    public Treatment? Treatment { get; init; }
}

/// <summary>
/// A consequence in one category (ZCR 5.3). A health and safety consequence links to the process hazard analysis or
/// SIS reference it comes from (IEC 61511-1 8.2.4, ISA TR84.00.09).
/// </summary>
public sealed record Consequence(ImpactCategory Category, string Impact, string? Description, string? Pha);

public enum TreatmentDecision
{
    Accept,
    Mitigate,
    Transfer,
    Avoid,
}

public static class TreatmentDecisionNames
{
    public static string ToWire(this TreatmentDecision decision) => decision switch
    {
        TreatmentDecision.Accept => "accept",
        TreatmentDecision.Mitigate => "mitigate",
        TreatmentDecision.Transfer => "transfer",
        TreatmentDecision.Avoid => "avoid",
    };

    public static bool TryParse(string? text, out TreatmentDecision decision) => WireNames.TryParse(text, ToWire, out decision);
}

/// <summary>
/// ISO/IEC 27001 6.1.3: the treatment option, the controls it needs (Annex A "A.8.22" or IEC 62443 "SR 5.1"), its owner
/// and due date; and, when residual risk stays above tolerable, the risk owner's acceptance (6.1.3 f).
/// </summary>
public sealed record Treatment
{
    public required TreatmentDecision Decision { get; init; }

    public IReadOnlyList<string> Controls { get; init; } = [];

    public string? Owner { get; init; }

    public DateOnly? Due { get; init; }

    public Acceptance? Acceptance { get; init; }
}

/// <summary>A risk owner's recorded acceptance of a residual risk.</summary>
public sealed record Acceptance(string By, DateOnly Date, string? Reference);

public enum SltMethod
{
    /// <summary>Bands of risk reduction needed from the worst unmitigated risk down to the tolerable line.</summary>
    RiskReduction,

    /// <summary>The SL whose attacker profile (IEC 62443-3-3 §4) matches the credible threat actor.</summary>
    ThreatCapability,

    /// <summary>The worst-case consequence severity.</summary>
    Consequence,
}

public static class SltMethodNames
{
    public static string ToWire(this SltMethod method) => method switch
    {
        SltMethod.RiskReduction => "risk-reduction",
        SltMethod.ThreatCapability => "threat-capability",
        SltMethod.Consequence => "consequence",
    };

    public static bool TryParse(string? text, out SltMethod method) => WireNames.TryParse(text, ToWire, out method);
}

/// <summary>
/// The credible threat actor in the terms of the SL attacker profiles (IEC 62443-3-3 §4): means simple | sophisticated,
/// resources low | moderate | extended, skills generic | iacs-specific, motivation low | moderate | high.
/// </summary>
public sealed record ThreatActor(string Means, string Resources, string Skills, string Motivation);

/// <summary>A per-FR refinement of the derived level (e.g. DC lower than RA in OT), with its reason.</summary>
public sealed record FrRefinement(int Fr, int Level, string Reason);

/// <summary>A hand-set SL-T that departs from the derivation, with the reason it does.</summary>
public sealed record SltOverride(SlVector Slt, string Reason);

/// <summary>ZCR 5.6: how one zone's SL-T is derived — the method, its inputs, per-FR refinements, and an override.</summary>
public sealed record SltDerivation
{
    public required string Zone { get; init; }

    public required SltMethod Method { get; init; }

    /// <summary>Input of <see cref="SltMethod.ThreatCapability"/>.</summary>
    public ThreatActor? Actor { get; init; }

    public IReadOnlyList<FrRefinement> Refinements { get; init; } = [];

    public string? Rationale { get; init; }

    public SltOverride? Override { get; init; }
}
