namespace Castellan.Domain.Catalogs;

/// <summary>One broken rule in a catalog, located by requirement id (null: the catalog header) and field.</summary>
public sealed record CatalogProblem(string? RequirementId, string Field, string Message);

public sealed class CatalogInvalidException(CatalogId catalog, IReadOnlyList<CatalogProblem> problems)
    : Exception($"Catalog '{catalog}' is invalid: {problems.Count} problem(s); first: {problems[0].RequirementId} {problems[0].Field}: {problems[0].Message}")
{
    public CatalogId Catalog { get; } = catalog;

    public IReadOnlyList<CatalogProblem> Problems { get; } = problems;
}
