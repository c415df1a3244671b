using System.Collections;
using System.Text.Json;

namespace Castellan.Core.Advisories;

/// <summary>
/// Lenient reads of a CSAF document (<see cref="CsafNode"/>) that may not have passed the structure check (the OASIS
/// test cases run single mandatory tests on raw documents): a member of the wrong kind reads as absent. The
/// enumerations are structs, so that the checks, which visit every item of every document, allocate nothing to walk it.
/// </summary>
internal static class CsafJson
{
    /// <summary>Every item of the array member <paramref name="name"/> of <paramref name="parent"/>, with its index.</summary>
    public static ItemList Items(CsafNode? parent, string name) => new(ArrayMember(parent, name));

    /// <summary>Every item of <paramref name="array"/> (none when it is not an array), with its index.</summary>
    public static ItemList Items(CsafNode? array) => new(array is { Kind: JsonValueKind.Array } ? array : null);

    /// <summary>The string items of the array member <paramref name="name"/>, with their index among all items.</summary>
    public static StringList Strings(CsafNode? parent, string name) => new(ArrayMember(parent, name));

    /// <summary>The string items of <paramref name="array"/> (none when it is not an array), with their index among all items.</summary>
    public static StringList Strings(CsafNode? array) => new(array is { Kind: JsonValueKind.Array } ? array : null);

    public static string? Text(CsafNode? parent, string name) => parent?.Member(name) is { Kind: JsonValueKind.String } value ? value.Text : null;

    public static CsafNode? Member(CsafNode? parent, string name) => parent?.Member(name);

    /// <summary>The array member <paramref name="name"/> of <paramref name="parent"/>, null when absent or not an array.</summary>
    public static CsafNode? ArrayMember(CsafNode? parent, string name) => parent?.Member(name) is { Kind: JsonValueKind.Array } array ? array : null;

    public static bool Has(CsafNode? parent, string name) => parent?.Member(name) is not null;

    /// <summary>The items of an array (none when it is not one), with their index.</summary>
    public readonly struct ItemList(CsafNode? array) : IEnumerable<(CsafNode Item, int Index)>
    {
        public Enumerator GetEnumerator() => new(array);

        IEnumerator<(CsafNode Item, int Index)> IEnumerable<(CsafNode Item, int Index)>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(CsafNode? array) : IEnumerator<(CsafNode Item, int Index)>
        {
            private CsafNode.Children.Enumerator items = (array?.Values ?? default).GetEnumerator();
            private int index = -1;

            public readonly (CsafNode Item, int Index) Current => (items.Current, index);

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                if (!items.MoveNext())
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
    public readonly struct StringList(CsafNode? array) : IEnumerable<(string Value, int Index)>
    {
        public Enumerator GetEnumerator() => new(array);

        IEnumerator<(string Value, int Index)> IEnumerable<(string Value, int Index)>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(CsafNode? array) : IEnumerator<(string Value, int Index)>
        {
            private readonly string?[]? ids = array?.StringItems;
            private ItemList.Enumerator items = array?.StringItems is null ? new(array) : default;
            private int index = -1;

            public readonly (string Value, int Index) Current => ids is null ? (items.Current.Item.Text!, items.Current.Index) : (ids[index]!, index);

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                if (ids is not null)
                {
                    while (++index < ids.Length)
                    {
                        if (ids[index] is not null)
                        {
                            return true;
                        }
                    }

                    return false;
                }

                while (items.MoveNext())
                {
                    if (items.Current.Item.Kind == JsonValueKind.String)
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
