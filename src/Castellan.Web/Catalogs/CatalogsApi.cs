using Castellan.Core.Catalogs;
using Castellan.Core.Mappings;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Catalogs;

/// <summary>/api/v1/catalogs and /api/v1/mappings: the reference data every signed-in user may read.</summary>
public static class CatalogsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var catalogs = api.MapGroup("").WithTags("Catalogs");
        catalogs.MapGet("/catalogs", ListAsync).RequireAuthorization(Policies.SignedIn);
        catalogs.MapGet("/catalogs/{catalog}/requirements", SearchAsync).RequireAuthorization(Policies.SignedIn);
        catalogs.MapGet("/catalogs/{catalog}/requirements/{requirement}", ShowAsync).RequireAuthorization(Policies.SignedIn);
        catalogs.MapGet("/mappings", ListMappingSetsAsync).RequireAuthorization(Policies.SignedIn);
    }

    public sealed record Link(string Direction, string MappingSet, string Catalog, string Requirement, string Title,
        string Relationship, int? Strength, string Provenance, string Status, string? Rationale);

    public sealed record OtSpecific(string MappingSet, string Rationale, string Provenance, string Status);

    public sealed record RequirementDetail(string Catalog, string CatalogName, string Id, string Kind, string Title, string? ParentId,
        bool Assessable, string Levels, string Status, string? Source, string? Note, string? Text, IReadOnlyList<Link> Mappings, OtSpecific? OtSpecific);

    /// <summary>A requirement with everything mapped to it and from it (ShowMappings), both directions, with provenance.</summary>
    public static async Task<RequirementDetail> DetailAsync(DatabaseTarget database, string catalog, string requirement, CancellationToken cancellationToken)
    {
        var subject = (await new ShowMappings(database).RunAsync(requirement, catalog, cancellationToken))[0];
        var r = subject.Requirement;
        return new RequirementDetail(subject.Catalog.Id.Value, subject.Catalog.Header.Name, r.Id, r.Kind.ToWire(), r.Title, r.ParentId, r.Assessable,
            r.Levels.ToString(), r.Status.ToWire(), r.Source, r.Note, r.Text,
            [.. subject.Links.Select(l => new Link(l.Direction, l.MappingSet, l.OtherCatalog, l.OtherId, l.OtherTitle, l.Relationship, l.Strength, l.Provenance, l.Status.ToWire(), l.Rationale))],
            subject.OtSpecific is { } o ? new OtSpecific(subject.OtSpecificSet!, o.Rationale, o.Provenance, o.Status.ToWire()) : null);
    }

    private static async Task<Ok<IReadOnlyList<ListCatalogs.Item>>> ListAsync(WebOptions options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new ListCatalogs(options.Database).RunAsync(cancellationToken));

    private static async Task<Ok<SearchRequirements.Page>> SearchAsync(string catalog, string? q, int? sl, int? page, int? size, CastellanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new SearchRequirements(db).RunAsync(catalog, q, sl, page ?? 1, size ?? 50, cancellationToken));

    private static async Task<Ok<RequirementDetail>> ShowAsync(string catalog, string requirement, WebOptions options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DetailAsync(options.Database, catalog, requirement, cancellationToken));

    private static async Task<Ok<IReadOnlyList<ListMappingSets.Item>>> ListMappingSetsAsync(WebOptions options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new ListMappingSets(options.Database).RunAsync(cancellationToken));
}
