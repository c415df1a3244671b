namespace Castellan.Domain.Advisories;

/// <summary>
/// Where the handling of one advisory on one asset stands (IEC 62443-2-1 / 62443-2-3 patch management with OT
/// constraints): open → evaluating (vendor qualification) → scheduled for an outage window → patched; or mitigated by a
/// recorded compensating countermeasure; or risk accepted by a named person.
/// </summary>
public enum PatchState
{
    Open,
    Evaluating,
    Scheduled,
    Patched,
    Mitigated,
    RiskAccepted,
}

public static class PatchStateNames
{
    public static string ToWire(this PatchState state) => state switch
    {
        PatchState.Open => "open",
        PatchState.Evaluating => "evaluating",
        PatchState.Scheduled => "scheduled",
        PatchState.Patched => "patched",
        PatchState.Mitigated => "mitigated",
        PatchState.RiskAccepted => "risk-accepted",
    };

    public static bool TryParse(string? text, out PatchState state) => WireNames.TryParse(text, ToWire, out state);

    /// <summary>Patched, mitigated and risk-accepted items are closed: no longer open vulnerabilities of the zone.</summary>
    public static bool IsClosed(this PatchState state) => state is PatchState.Patched or PatchState.Mitigated or PatchState.RiskAccepted;
}

/// <summary>
/// One step of the patch-management history of an (advisory, asset) pair. Valid by construction: a scheduled step names
/// its outage window date, a mitigation its compensating countermeasure (IEC 62443-3-3 §4.3), an accepted risk who
/// accepted it and why.
/// </summary>
public sealed record PatchStep
{
    public PatchStep(PatchState state, DateTimeOffset at, DateOnly? due, string? countermeasure, string? note, string? by)
    {
        if (state == PatchState.Scheduled && due is null)
        {
            throw new ArgumentException("a scheduled patch names the date of its outage window", nameof(due));
        }

        if (state == PatchState.Mitigated && string.IsNullOrWhiteSpace(countermeasure))
        {
            throw new ArgumentException("a mitigation names its compensating countermeasure", nameof(countermeasure));
        }

        if (state == PatchState.RiskAccepted && (string.IsNullOrWhiteSpace(by) || string.IsNullOrWhiteSpace(note)))
        {
            throw new ArgumentException("an accepted risk names who accepted it and why", nameof(by));
        }

        (State, At, Due, Countermeasure, Note, By) = (state, at, due, countermeasure, note, by);
    }

    public PatchState State { get; }

    public DateTimeOffset At { get; }

    /// <summary>Scheduled: the outage window.</summary>
    public DateOnly? Due { get; }

    public string? Countermeasure { get; }

    public string? Note { get; }

    public string? By { get; }
}
