namespace Castellan.Domain.Risk;

/// <summary>An Annex A control and the risks whose treatment calls for it.</summary>
public sealed record SoaReason(string Control, IReadOnlyList<string> Risks)
{
    public const string Reason = "risk assessment";
}

/// <summary>
/// ISO/IEC 27001 6.1.3 d: the SoA justifies each included control. A control that a mitigating treatment names is
/// included for the reason "risk assessment" — derived from the register, not typed twice.
/// </summary>
public static class SoaReasons
{
    /// <summary>Per Annex A control (in reading order), the ids of the risks that motivate it.</summary>
    public static IReadOnlyList<SoaReason> Derive(RiskRegister register) =>
        [.. register.Assessments.SelectMany(a => a.Scenarios)
            .Where(s => s.Treatment is { Decision: TreatmentDecision.Mitigate })
            .SelectMany(s => s.Treatment!.Controls.Where(RiskRegisterRules.IsAnnexAControl).Select(c => (Control: c, Risk: s.Id)))
            .GroupBy(x => x.Control, StringComparer.Ordinal)
            .OrderBy(g => ControlKey(g.Key))
            .Select(g => new SoaReason(g.Key, [.. g.Select(x => x.Risk).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))];

    private static int ControlKey(string id)
    {
        var parts = id[2..].Split('.');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 100) + int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
