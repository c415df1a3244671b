namespace Castellan.Domain.Advisories;

/// <summary>
/// A firmware or software version compared segment by segment: "V2.9.4", "21.003", "4.3", "10.10 SP1". Numeric segments
/// compare as numbers (10.10 &gt; 10.9), text segments case-insensitively, a missing segment counts as 0 (4.3 = 4.3.0).
/// A leading "V", "v", "FW" or "R" is not part of the number. A text with no digit at all is not a version.
/// </summary>
public sealed class VersionNumber
{
    private readonly object[] _segments;

    private VersionNumber(string text, object[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public static VersionNumber? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var start = 0;
        foreach (var prefix in (string[])["FW", "V", "v", "R", "r"])
        {
            if (trimmed.StartsWith(prefix, StringComparison.Ordinal) && trimmed.Length > prefix.Length && char.IsAsciiDigit(trimmed[prefix.Length]))
            {
                start = prefix.Length;
                break;
            }
        }

        if (start == 0 && (trimmed.Length == 0 || !char.IsAsciiDigit(trimmed[0])))
        {
            return null;
        }

        var segments = new List<object>();
        var i = start;
        while (i < trimmed.Length)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < trimmed.Length && char.IsAsciiDigit(trimmed[j]))
                {
                    j++;
                }

                var digits = trimmed.AsSpan(i, Math.Min(j - i, 18));
                segments.Add(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
                i = j;
            }
            else if (char.IsAsciiLetter(c))
            {
                var j = i;
                while (j < trimmed.Length && char.IsAsciiLetter(trimmed[j]))
                {
                    j++;
                }

                segments.Add(trimmed[i..j].ToUpperInvariant());
                i = j;
            }
            else
            {
                i++;
            }
        }

        return new VersionNumber(trimmed, [.. segments]);
    }

    public int CompareTo(VersionNumber? other)
    {
        if (other is null)
        {
            return 1;
        }

        var count = Math.Max(_segments.Length, other._segments.Length);
        for (var i = 0; i < count; i++)
        {
            var a = i < _segments.Length ? _segments[i] : 0L;
            var b = i < other._segments.Length ? other._segments[i] : 0L;
            var order = (a, b) switch
            {
                (long x, long y) => x.CompareTo(y),
                (string x, string y) => string.CompareOrdinal(x, y),

                // "4.3" against "4.3 SP1": the bare number comes first; a number beats a text segment ("2.0" > "2.beta").
                (long, string) => i < _segments.Length ? 1 : -1,
                (string, long) => i < other._segments.Length ? -1 : 1,
                _ => 0,
            };
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    /// <summary>"4.3" is a prefix of "4.3.1" and of "4.3": for "4.3.x" and "4.3.*" wildcards.</summary>
    public bool StartsWith(VersionNumber prefix) =>
        prefix._segments.Length <= _segments.Length && prefix._segments.Select((s, i) => Equals(s, _segments[i])).All(x => x);

    public override string ToString() => Text;
}
