using System.Text.Json;

namespace Castellan.Core.Advisories;

/// <summary>
/// Lenient reads of a CSAF document that may not have passed the structure check (the OASIS test cases run single
/// mandatory tests on raw documents): a member of the wrong kind reads as absent.
/// </summary>
internal static class CsafJson
{
    /// <summary>Every item of the array member <paramref name="name"/> of <paramref name="parent"/>, with its index.</summary>
    public static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, i++);
        }
    }

    /// <summary>The string items of the array member <paramref name="name"/>, with their index among all items.</summary>
    public static IEnumerable<(string Value, int Index)> Strings(JsonElement parent, string name)
    {
        foreach (var (item, i) in Items(parent, name))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                yield return (item.GetString()!, i);
            }
        }
    }

    public static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement Member(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : default;

    public static bool Has(JsonElement parent, string name) => Member(parent, name).ValueKind != JsonValueKind.Undefined;
}
