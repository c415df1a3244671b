namespace Castellan.Domain.Catalogs;

/// <summary>One broken rule in a catalog, located by requirement id (null: the catalog header) and field.</summary>
public sealed record CatalogProblem(string? RequirementId, string Field, string Message)
{
    /// <summary>Position of the offending record in the list handed in (null: the header), so readers can point at its line.</summary>
    public int? Index { get; init; }
}

public sealed class CatalogInvalidException(CatalogId catalog, IReadOnlyList<CatalogProblem> problems)
    : Exception($"Catalog '{catalog}' is invalid: {problems.Count} problem(s); first: {problems[0].RequirementId} {problems[0].Field}: {problems[0].Message}")
{
    public CatalogId Catalog { get; } = catalog;

    public IReadOnlyList<CatalogProblem> Problems { get; } = problems;
}
