namespace Castellan.Core.Common;

/// <summary>
/// string.CompareOrdinal's order (UTF-16 code units), for sorting file and resource names, as a loop of this assembly
/// compiled ahead of time. The framework's is vectorised code with no ready-to-run form: the first sort of a short
/// command compiled it unoptimised (with the sort's own helpers, about 2 ms) and ran that code, before the first file of
/// an import was read.
/// </summary>
public static class TextOrder
{
    public static int Ordinal(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return a[i] - b[i];
            }
        }

        return a.Length - b.Length;
    }
}
