namespace Castellan.Domain.Zones.Rules;

public enum Severity
{
    Info,
    Warning,
    Error,
}

/// <summary>One result of a rule: which rule, how bad, the IEC 62443 clause it comes from, what is involved and how to fix it.</summary>
public sealed record Finding(string Rule, Severity Severity, string Clause, IReadOnlyList<string> Objects, string Message, string Fix);

public static class SeverityNames
{
    public static string ToWire(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
    };
}
