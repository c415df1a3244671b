using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Castellan.Core.Advisories;

/// <summary>
/// Lenient reads of a CSAF document that may not have passed the structure check (the OASIS test cases run single
/// mandatory tests on raw documents): a member of the wrong kind reads as absent. The enumerations are structs, so
/// that the checks, which visit every item of every document, allocate nothing to walk it.
/// </summary>
internal static class CsafJson
{
    /// <summary>Every item of the array member <paramref name="name"/> of <paramref name="parent"/>, with its index.</summary>
    public static ItemList Items(JsonElement parent, string name) => new(ArrayMember(parent, name));

    /// <summary><see cref="Items(JsonElement, string)"/> by the member's UTF-8 name (no transcoding of the name per lookup).</summary>
    public static ItemList Items(JsonElement parent, ReadOnlySpan<byte> name) => new(ArrayMember(parent, name));

    /// <summary>Every item of <paramref name="array"/> (none when it is not an array), with its index.</summary>
    public static ItemList Items(JsonElement array) => new(array);

    /// <summary>The string items of the array member <paramref name="name"/>, with their index among all items.</summary>
    public static StringList Strings(JsonElement parent, string name) => new(ArrayMember(parent, name));

    /// <summary><see cref="Strings(JsonElement, string)"/> by the member's UTF-8 name.</summary>
    public static StringList Strings(JsonElement parent, ReadOnlySpan<byte> name) => new(ArrayMember(parent, name));

    /// <summary>
    /// A member's name as UTF-8: its bytes in the document, or for the rare name written with escapes, its unescaped text.
    /// </summary>
    public static ReadOnlySpan<byte> Name(JsonProperty member)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(member);
        return raw.Contains((byte)'\\') ? Encoding.UTF8.GetBytes(member.Name) : raw;
    }

    public static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string? Text(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement Member(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : default;

    public static JsonElement Member(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : default;

    /// <summary>The array member <paramref name="name"/> of <paramref name="parent"/>, default when absent or not an array.</summary>
    public static JsonElement ArrayMember(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array : default;

    public static bool Has(JsonElement parent, string name) => Member(parent, name).ValueKind != JsonValueKind.Undefined;

    /// <summary>
    /// Whether the string <paramref name="value"/> is in <paramref name="set"/>, looked up by its UTF-8 text without
    /// making a string of it (product ids are referred to hundreds of thousands of times in a folder of advisories).
    /// </summary>
    public static bool IsIn(JsonElement value, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> set)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        if (raw.Length > 128 || raw.Contains((byte)'\\'))
        {
            return set.Set.Contains(value.GetString()!);
        }

        Span<char> text = stackalloc char[128];
        var length = Ascii.ToUtf16(raw, text, out var written) == System.Buffers.OperationStatus.Done ? written : Encoding.UTF8.GetChars(raw, text);
        return set.Contains(text[..length]);
    }

    private static JsonElement ArrayMember(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array : default;

    /// <summary>The items of an array (none when it is not one), with their index.</summary>
    public readonly struct ItemList(JsonElement array) : IEnumerable<(JsonElement Item, int Index)>
    {
        public Enumerator GetEnumerator() => new(array);

        IEnumerator<(JsonElement Item, int Index)> IEnumerable<(JsonElement Item, int Index)>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(JsonElement array) : IEnumerator<(JsonElement Item, int Index)>
        {
            private readonly bool isArray = array.ValueKind == JsonValueKind.Array;
            private JsonElement.ArrayEnumerator items = array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : default;
            private int index = -1;

            public readonly (JsonElement Item, int Index) Current => (items.Current, index);

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                if (!isArray || !items.MoveNext())
                {
                    return false;
                }

                index++;
                return true;
            }

            public void Reset() => throw new NotSupportedException();

            public readonly void Dispose()
            {
            }
        }
    }

    /// <summary>The string items of an array (none when it is not one), with their index among all items.</summary>
    public readonly struct StringList(JsonElement array) : IEnumerable<(string Value, int Index)>
    {
        public Enumerator GetEnumerator() => new(array);

        IEnumerator<(string Value, int Index)> IEnumerable<(string Value, int Index)>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(JsonElement array) : IEnumerator<(string Value, int Index)>
        {
            private ItemList.Enumerator items = new(array);

            public readonly (string Value, int Index) Current => (items.Current.Item.GetString()!, items.Current.Index);

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                while (items.MoveNext())
                {
                    if (items.Current.Item.ValueKind == JsonValueKind.String)
                    {
                        return true;
                    }
                }

                return false;
            }

            public void Reset() => throw new NotSupportedException();

            public readonly void Dispose()
            {
            }
        }
    }
}
