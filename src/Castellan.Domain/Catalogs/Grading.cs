namespace Castellan.Domain.Catalogs;

/// <summary>How a standard grades its requirements.</summary>
public enum Grading
{
    /// <summary>No levels: a requirement applies or it does not (ISO/IEC 27001, 62443-3-2).</summary>
    None,

    /// <summary>IEC 62443-3-3 / 4-2: each SR/CR and RE is required from a security level SL 1–4 upward.</summary>
    SecurityLevel,

    /// <summary>IEC 62443-2-1 / 2-4 / 4-1: every requirement is rated on maturity levels ML 1–4.</summary>
    MaturityLevel,
}

public static class GradingNames
{
    public static string ToWire(this Grading grading) => grading switch
    {
        Grading.None => "none",
        Grading.SecurityLevel => "security-level",
        Grading.MaturityLevel => "maturity-level",
    };

    public static bool TryParse(string? text, out Grading grading) => WireNames.TryParse(text, ToWire, out grading);

    /// <summary>The level prefix users write for a grading ("SL", "ML").</summary>
    public static string? LevelPrefix(this Grading grading) => grading switch
    {
        Grading.None => null,
        Grading.SecurityLevel => "SL",
        Grading.MaturityLevel => "ML",
    };
}
