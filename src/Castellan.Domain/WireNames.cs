namespace Castellan.Domain;

/// <summary>Enums are written by their wire names ("subset-of", "not-met"); this reads them back.</summary>
public static class WireNames
{
    public static bool TryParse<TEnum>(string? text, Func<TEnum, string> toWire, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
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
}
