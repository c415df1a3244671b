using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Web.Authorization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Zones;

/// <summary>/api/v1/sites/{site}/zones: the zones of a site, their SL chart, and the site's zone and conduit diagram.</summary>
internal static class ZonesApi
{
    public const string SvgType = "image/svg+xml";

    public static void Map(RouteGroupBuilder api)
    {
        var zones = api.MapGroup("/sites/{site}").WithTags("Zones");
        zones.MapGet("/zones", ListAsync).RequireAuthorization(Policies.SiteRead);
        zones.MapPost("/zones", CreateAsync).RequireAuthorization(Policies.SiteEditOtModel);
        zones.MapGet("/zones/{zone}", GetAsync).RequireAuthorization(Policies.SiteRead);
        zones.MapPut("/zones/{zone}", EditAsync).RequireAuthorization(Policies.SiteEditOtModel);
        zones.MapDelete("/zones/{zone}", DeleteAsync).RequireAuthorization(Policies.SiteEditOtModel);
        zones.MapGet("/zones/{zone}/sl-chart.svg", SlChartAsync).RequireAuthorization(Policies.SiteRead);
        zones.MapGet("/diagram.svg", DiagramAsync).RequireAuthorization(Policies.SiteRead);
    }

    private static async Task<Ok<ListPage<ZoneDocument>>> ListAsync(string site, int? offset, int? size, CastellanDbContext db, SiteChecks checks, CancellationToken cancellationToken)
    {
        var page = await new ListZones(db).RunAsync(site, offset ?? 0, size ?? 100, cancellationToken);
        var check = await checks.GetAsync(db, site, allowStale: true, cancellationToken);
        return TypedResults.Ok(new ListPage<ZoneDocument>([.. page.Items.Select(z => ZoneDocument.Of(z.Zone, z.Version, check.Levels.GetValueOrDefault(z.Zone.Id), z.Assets))],
            page.Total, page.Offset, page.Size));
    }

    private static async Task<Results<Ok<ZoneDocument>, NotFound>> GetAsync(string site, string zone, CastellanDbContext db, SiteChecks checks, CancellationToken cancellationToken)
    {
        if (await new ListZones(db).FindAsync(site, zone, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }

        var check = await checks.GetAsync(db, site, allowStale: true, cancellationToken);
        var assets = check.Outcome.Workspace.Assets.Count(a => a.Zone == zone);
        return TypedResults.Ok(ZoneDocument.Of(found.Value, found.Version, check.Levels.GetValueOrDefault(zone), assets));
    }

    private static async Task<Created<ZoneDocument>> CreateAsync(string site, ZoneDocument body, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var created = await new CreateZone(db, clock).RunAsync(WebClaims.Actor(user), site, body.ToInput(), cancellationToken);
        return TypedResults.Created($"/api/v1/sites/{site}/zones/{created.Value.Id}", ZoneDocument.Of(created.Value, created.Version, null, 0));
    }

    private static async Task<Ok<ZoneDocument>> EditAsync(string site, string zone, ZoneDocument body, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var version = body.Version ?? throw new FieldException("version", "is required: send the version you read, so no one else's change is overwritten");
        var edited = await new EditZone(db, clock).RunAsync(WebClaims.Actor(user), site, zone, version, body.ToInput(), cancellationToken);
        return TypedResults.Ok(ZoneDocument.Of(edited.Value, edited.Version, null, null));
    }

    private static async Task<NoContent> DeleteAsync(string site, string zone, long? version, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await new DeleteZone(db, clock).RunAsync(WebClaims.Actor(user), site, zone, version, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SlChartAsync(string site, string zone, CastellanDbContext db, SiteChecks checks, CancellationToken cancellationToken)
    {
        var check = await checks.GetAsync(db, site, allowStale: false, cancellationToken);
        if (check.Levels.GetValueOrDefault(zone) is not { } levels)
        {
            throw new UsageException($"site '{site}' has no zone '{zone}'");
        }

        var name = check.Outcome.Workspace.Zones.First(z => z.Id == zone).Name;
        return TypedResults.Text(SlChart.Render(levels, name), SvgType);
    }

    private static async Task<IResult> DiagramAsync(string site, CastellanDbContext db, SiteChecks checks, CancellationToken cancellationToken)
    {
        var check = await checks.GetAsync(db, site, allowStale: false, cancellationToken);
        return TypedResults.Text(check.Diagram, SvgType);
    }
}
