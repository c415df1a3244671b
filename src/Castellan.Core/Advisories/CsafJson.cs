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

    /// <summary>
    /// A CSAF date-time (the schema's format, RFC 3339) as DateTimeOffset.TryParse with the invariant culture reads it.
    /// The form every advisory uses, <c>2023-01-10T14:30:00(.fraction)(Z|±hh:mm)</c>, is read here; anything else goes
    /// to the framework. Its general parser took 2 µs a date, three dates a document (the cultures' tables, ready-to-run
    /// code calling through each layer).
    /// </summary>
    public static bool TryParseDate(string text, out DateTimeOffset value) =>
        TryParseRfc3339(text, out value) || DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out value);

    // yyyy-MM-ddTHH:mm:ss, up to 7 fraction digits, then Z or an offset; false (the framework decides) for anything else,
    // including values out of range, second 60, and years at the ends of DateTimeOffset's range.
    private static bool TryParseRfc3339(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var at = 19;
        var ticks = 0L;
        if (s[at] == '.')
        {
            var start = ++at;
            while (at < s.Length && char.IsAsciiDigit(s[at]))
            {
                at++;
            }

            if (at == start || at - start > 7)
            {
                return false;
            }

            for (var i = start; i < start + 7; i++)
            {
                ticks = (ticks * 10) + (i < at ? s[i] - '0' : 0);
            }
        }

        TimeSpan offset;
        if (at == s.Length - 1 && s[at] == 'Z')
        {
            offset = TimeSpan.Zero;
        }
        else if (at == s.Length - 6 && s[at] is '+' or '-' && s[at + 3] == ':' && Digits(s, at + 1, 2, out var hours) && Digits(s, at + 4, 2, out var minutes)
            && minutes <= 59 && (hours < 14 || (hours == 14 && minutes == 0)))
        {
            offset = new TimeSpan(hours, minutes, 0) * (s[at] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(ticks), offset);
        return true;
    }

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

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
