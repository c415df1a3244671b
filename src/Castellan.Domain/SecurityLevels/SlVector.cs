namespace Castellan.Domain.SecurityLevels;

/// <summary>
/// A security level per foundational requirement, FR 1–7 (IEC 62443-3-3 §4 / 62443-1-1):
/// <c>SL-X(zone) = {IAC UC SI DC RDF TRE RA}</c>, each 0–4, written "2 2 2 1 3 1 3".
/// </summary>
public readonly record struct SlVector
{
    public const int Count = 7;

    public static readonly string[] Abbreviations = ["IAC", "UC", "SI", "DC", "RDF", "TRE", "RA"];

    private readonly int _packed; // 3 bits per FR, FR 1 in the lowest bits

    public SlVector(params ReadOnlySpan<int> levels)
    {
        if (levels.Length != Count)
        {
            throw new ArgumentException($"an SL vector has {Count} values (FR 1–7), not {levels.Length}", nameof(levels));
        }

        var packed = 0;
        for (var i = 0; i < Count; i++)
        {
            if (levels[i] is < 0 or > 4)
            {
                throw new ArgumentOutOfRangeException(nameof(levels), levels[i], $"FR {i + 1}: a security level is 0–4");
            }

            packed |= levels[i] << (3 * i);
        }

        _packed = packed;
    }

    public static SlVector Uniform(int level) => new(level, level, level, level, level, level, level);

    /// <summary>The level for FR <paramref name="fr"/> (1–7).</summary>
    public int this[int fr] => fr is >= 1 and <= Count
        ? (_packed >> (3 * (fr - 1))) & 0b111
        : throw new ArgumentOutOfRangeException(nameof(fr), fr, "FRs are numbered 1–7");

    /// <summary>The usual single "SL" of a zone: the highest value of the vector (a convention, not normative).</summary>
    public int Max => Levels.Max();

    public IEnumerable<int> Levels
    {
        get
        {
            var levels = new int[Count];
            for (var fr = 1; fr <= Count; fr++)
            {
                levels[fr - 1] = this[fr];
            }

            return levels;
        }
    }

    public SlVector With(int fr, int level)
    {
        var levels = Levels.ToArray();
        levels[fr - 1] = level;
        return new SlVector(levels);
    }

    /// <summary>FR by FR, the lower of the two.</summary>
    public SlVector Min(SlVector other)
    {
        var levels = new int[Count];
        for (var fr = 1; fr <= Count; fr++)
        {
            levels[fr - 1] = Math.Min(this[fr], other[fr]);
        }

        return new SlVector(levels);
    }

    /// <summary>Parses "2 2 2 1 3 1 3" (spaces, commas or nothing between digits; braces allowed).</summary>
    public static bool TryParse(string? text, out SlVector vector, out string error)
    {
        vector = default;
        var digits = (text ?? "").Where(c => !char.IsWhiteSpace(c) && c is not (',' or '{' or '}' or '[' or ']')).ToArray();
        if (digits.Length != Count || digits.Any(c => c is < '0' or > '4'))
        {
            error = $"'{text}' is not an SL vector: write seven levels 0–4, one per FR 1–7, e.g. \"2 2 2 1 3 1 3\"";
            return false;
        }

        vector = new SlVector([.. digits.Select(c => c - '0')]);
        error = "";
        return true;
    }

    public override string ToString() => string.Join(' ', Levels);
}
