using System.Security.Claims;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Sites;

/// <summary>/api/v1/sites: the sites the caller may see.</summary>
internal static class SitesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");
        sites.MapGet("/", ListAsync).RequireAuthorization(Policies.SignedIn);
        sites.MapGet("/{site}", GetAsync).RequireAuthorization(Policies.SiteRead);
    }

    private static async Task<Ok<IReadOnlyList<SiteSummary>>> ListAsync(ClaimsPrincipal user, UserGrants grants, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grants.ReadableSitesAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken));

    private static async Task<Results<Ok<SiteSummary>, NotFound>> GetAsync(string site, ClaimsPrincipal user, UserGrants grants, CancellationToken cancellationToken) =>
        (await grants.ReadableSitesAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken)).FirstOrDefault(s => s.Id == site) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.NotFound();
}
