namespace Castellan.Domain.Catalogs;

/// <summary>
/// A standard as data: metadata and its requirements in document order (a parent always precedes its children).
/// Construct through <see cref="Create"/>, which refuses a catalog that breaks <see cref="CatalogRules"/>.
/// </summary>
public sealed class Catalog
{
    private readonly Dictionary<string, Requirement> _byId;

    private Catalog(CatalogHeader header, IReadOnlyList<Requirement> requirements)
    {
        Header = header;
        Requirements = requirements;
        _byId = requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public CatalogHeader Header { get; }

    public CatalogId Id => Header.Id;

    public IReadOnlyList<Requirement> Requirements { get; }

    /// <summary>Requirements that are assessed (not grouping nodes).</summary>
    public int AssessableCount => Requirements.Count(r => r.Assessable);

    public static Catalog Create(CatalogHeader header, IReadOnlyList<Requirement> requirements)
    {
        var problems = CatalogRules.Check(header, requirements);
        if (problems.Count > 0)
        {
            throw new CatalogInvalidException(header.Id, problems);
        }

        return new Catalog(header, requirements);
    }

    public Requirement? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The requirements required at <paramref name="level"/> (SL or ML) together with their ancestors, so that the
    /// result is still a tree. In a maturity-level or ungraded catalog every requirement applies at every level.
    /// </summary>
    public IReadOnlyList<Requirement> AtLevel(int level)
    {
        if (Header.Grading != Grading.SecurityLevel)
        {
            return Requirements;
        }

        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var requirement in Requirements.Where(r => r.Levels.Contains(level)))
        {
            for (var node = requirement; node is not null && keep.Add(node.Id); node = node.ParentId is null ? null : Find(node.ParentId))
            {
            }
        }

        return [.. Requirements.Where(r => keep.Contains(r.Id))];
    }

    /// <summary>A copy with licensed full texts laid over existing ids.</summary>
    public Catalog WithTexts(IReadOnlyDictionary<string, string> texts) =>
        new(Header, [.. Requirements.Select(r => texts.TryGetValue(r.Id, out var text) ? r with { Text = text } : r)]);
}

public sealed record CatalogHeader
{
    public required CatalogId Id { get; init; }

    /// <summary>The standard's designation, e.g. "IEC 62443-3-3".</summary>
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Edition { get; init; }

    public string? Publisher { get; init; }

    public Grading Grading { get; init; }

    public string? Copyright { get; init; }

    public CatalogOrigin Origin { get; init; }
}
