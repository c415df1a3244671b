namespace Castellan.Domain.Soa;

/// <summary>How far an applicable control is implemented (ISO/IEC 27001 6.1.3 d: the SoA states whether it is implemented).</summary>
public enum ImplementationStatus
{
    NotImplemented,
    Planned,
    PartiallyImplemented,
    Implemented,
}

public static class ImplementationStatusNames
{
    public static string ToWire(this ImplementationStatus status) => status switch
    {
        ImplementationStatus.NotImplemented => "not-implemented",
        ImplementationStatus.Planned => "planned",
        ImplementationStatus.PartiallyImplemented => "partially-implemented",
        ImplementationStatus.Implemented => "implemented",
    };

    public static bool TryParse(string? text, out ImplementationStatus status) => WireNames.TryParse(text, ToWire, out status);
}
