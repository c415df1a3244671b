namespace Castellan.Domain.Catalogs;

/// <summary>
/// The levels (1–4) at which a requirement is required, e.g. IEC 62443-3-3 SR 1.1 RE 1 = {2, 3, 4}.
/// Stored as a 4-bit mask: bit 0 = level 1 … bit 3 = level 4. <see cref="Empty"/> means "not graded".
/// </summary>
public readonly record struct LevelSet
{
    public const int MinLevel = 1;
    public const int MaxLevel = 4;

    private LevelSet(int mask) => Mask = mask;

    public static LevelSet Empty => default;

    public static LevelSet All => new(0b1111);

    public int Mask { get; }

    public bool IsEmpty => Mask == 0;

    public static LevelSet FromMask(int mask) =>
        mask is >= 0 and <= 0b1111 ? new LevelSet(mask) : throw new ArgumentOutOfRangeException(nameof(mask), mask, "A level mask has 4 bits.");

    public static LevelSet Of(params IEnumerable<int> levels)
    {
        var mask = 0;
        foreach (var level in levels)
        {
            if (!IsValidLevel(level))
            {
                throw new ArgumentOutOfRangeException(nameof(levels), level, $"Levels are {MinLevel}–{MaxLevel}.");
            }

            mask |= 1 << (level - 1);
        }

        return new LevelSet(mask);
    }

    public static bool IsValidLevel(int level) => level is >= MinLevel and <= MaxLevel;

    public bool Contains(int level) => IsValidLevel(level) && (Mask & (1 << (level - 1))) != 0;

    /// <summary>The lowest level in the set, or null when empty.</summary>
    public int? First => IsEmpty ? null : System.Numerics.BitOperations.TrailingZeroCount(Mask) + 1;

    /// <summary>True when the set is {n, n+1, …, 4}: required from some level upward, as in 62443's SL matrices.</summary>
    public bool IsUpwardClosed => !IsEmpty && Mask == (0b1111 & ~((1 << (First!.Value - 1)) - 1));

    public IEnumerable<int> Levels
    {
        get
        {
            for (var level = MinLevel; level <= MaxLevel; level++)
            {
                if (Contains(level))
                {
                    yield return level;
                }
            }
        }
    }

    public override string ToString() => string.Join(",", Levels);
}
