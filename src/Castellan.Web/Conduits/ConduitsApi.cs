using System.Security.Claims;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Web.Authorization;
using Castellan.Web.Zones;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Conduits;

/// <summary>/api/v1/sites/{site}/conduits: the conduits of a site with their channels (allowed protocols).</summary>
internal static class ConduitsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var conduits = api.MapGroup("/sites/{site}/conduits").WithTags("Conduits");
        conduits.MapGet("/", ListAsync).RequireAuthorization(Policies.SiteRead);
        conduits.MapPost("/", CreateAsync).RequireAuthorization(Policies.SiteEditOtModel);
        conduits.MapGet("/{conduit}", GetAsync).RequireAuthorization(Policies.SiteRead);
        conduits.MapPut("/{conduit}", EditAsync).RequireAuthorization(Policies.SiteEditOtModel);
        conduits.MapDelete("/{conduit}", DeleteAsync).RequireAuthorization(Policies.SiteEditOtModel);
    }

    private static async Task<Ok<ListPage<ConduitDocument>>> ListAsync(string site, int? offset, int? size, CastellanDbContext db, CancellationToken cancellationToken)
    {
        var page = await new ListConduits(db).RunAsync(site, offset ?? 0, size ?? 100, cancellationToken);
        return TypedResults.Ok(new ListPage<ConduitDocument>([.. page.Items.Select(c => ConduitDocument.Of(c.Conduit, c.Version))], page.Total, page.Offset, page.Size));
    }

    private static async Task<Results<Ok<ConduitDocument>, NotFound>> GetAsync(string site, string conduit, CastellanDbContext db, CancellationToken cancellationToken) =>
        await new ListConduits(db).FindAsync(site, conduit, cancellationToken) is { } found
            ? TypedResults.Ok(ConduitDocument.Of(found.Value, found.Version))
            : TypedResults.NotFound();

    private static async Task<Created<ConduitDocument>> CreateAsync(string site, ConduitDocument body, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var created = await new CreateConduit(db, clock).RunAsync(WebClaims.Actor(user), site, body.ToInput(), cancellationToken);
        return TypedResults.Created($"/api/v1/sites/{site}/conduits/{created.Value.Id}", ConduitDocument.Of(created.Value, created.Version));
    }

    private static async Task<Ok<ConduitDocument>> EditAsync(string site, string conduit, ConduitDocument body, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var version = body.Version ?? throw new FieldException("version", "is required: send the version you read, so no one else's change is overwritten");
        var edited = await new EditConduit(db, clock).RunAsync(WebClaims.Actor(user), site, conduit, version, body.ToInput(), cancellationToken);
        return TypedResults.Ok(ConduitDocument.Of(edited.Value, edited.Version));
    }

    private static async Task<NoContent> DeleteAsync(string site, string conduit, long? version, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await new DeleteConduit(db, clock).RunAsync(WebClaims.Actor(user), site, conduit, version, cancellationToken);
        return TypedResults.NoContent();
    }
}
