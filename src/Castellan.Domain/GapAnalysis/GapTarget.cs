using Castellan.Domain.Catalogs;

namespace Castellan.Domain.GapAnalysis;

/// <summary>
/// What to analyse against: a catalog and, for graded catalogs, a level — <c>iec62443-3-3-2013@SL2</c>,
/// <c>iec62443-2-1-2024@ML2</c>, or an ungraded catalog alone (<c>iec62443-3-2-2020</c>).
/// </summary>
public sealed record GapTarget(CatalogId Catalog, string? LevelPrefix, int? Level)
{
    public static bool TryParse(string text, out GapTarget? target, out string error)
    {
        target = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var id = at < 0 ? text : text[..at];
        if (!CatalogId.IsValid(id))
        {
            error = $"'{id}' is not a catalog id";
            return false;
        }

        if (at < 0)
        {
            target = new GapTarget(new CatalogId(id), null, null);
            error = "";
            return true;
        }

        var level = text[(at + 1)..].ToUpperInvariant();
        if (level.Length != 3 || level[..2] is not ("SL" or "ML") || !int.TryParse(level[2..], out var n) || !LevelSet.IsValidLevel(n))
        {
            error = $"'{text[(at + 1)..]}' is not a level: write SL1..SL4 or ML1..ML4, e.g. {id}@SL2";
            return false;
        }

        target = new GapTarget(new CatalogId(id), level[..2], n);
        error = "";
        return true;
    }

    /// <summary>Null when the level suits the catalog's grading, else why not.</summary>
    public string? Mismatch(Catalog catalog)
    {
        var expected = catalog.Header.Grading.LevelPrefix();
        return (expected, LevelPrefix) switch
        {
            (null, null) => null,
            (null, _) => $"'{Catalog}' is not graded by levels; drop '@{LevelPrefix}{Level}'",
            (_, null) => $"'{Catalog}' needs a level: {Catalog}@{expected}1 … @{expected}4",
            var (e, p) when e != p => $"'{Catalog}' is graded by {e}, not {p}: use {Catalog}@{e}{Level}",
            _ => null,
        };
    }

    public override string ToString() => Level is null ? Catalog.Value : $"{Catalog.Value}@{LevelPrefix}{Level}";
}
