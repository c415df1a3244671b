namespace Castellan.Domain;

/// <summary>Enums are written by their wire names ("subset-of", "not-met"); this reads them back.</summary>
public static class WireNames
{
    public static bool TryParse<TEnum>(string? text, Func<TEnum, string> toWire, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Values<TEnum>.All)
        {
            if (toWire(candidate) == text)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    // Enum.GetValues builds a new array by reflection on every call: read once per enum (an import of advisories
    // parses a remediation category for every item).
    private static class Values<TEnum>
        where TEnum : struct, Enum
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2263:Prefer generic overload when type is known",
            Justification = "Enum.GetValues<TEnum>() is compiled at run time for each enum (ReadyToRun cannot precompile framework generics over our types), on the start-up path of every command that reads a catalog; the Type overload is precompiled.")]
        public static readonly TEnum[] All = (TEnum[])Enum.GetValues(typeof(TEnum));
    }
}
