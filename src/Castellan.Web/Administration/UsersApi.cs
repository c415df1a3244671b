using System.Security.Claims;
using Castellan.Core.Accounts;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Web.Accounts;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Administration;

/// <summary>/api/v1/users: accounts and their site grants, for administrators on every site (*).</summary>
internal static class UsersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Administration");
        users.MapGet("/", ListAsync).RequireAuthorization(Policies.Administer);
        users.MapPost("/{user}/roles", GrantAsync).RequireAuthorization(Policies.Administer);
        users.MapDelete("/{user}/roles", RevokeAsync).RequireAuthorization(Policies.Administer);
        users.MapPost("/{user}/unlock", UnlockAsync).RequireAuthorization(Policies.Administer);
        users.MapPost("/{user}/disable", DisableAsync).RequireAuthorization(Policies.Administer);
    }

    /// <summary>A grant: <paramref name="Site"/> is a site id or "*"; <paramref name="Role"/> admin | security-manager | assessor | ot-engineer | auditor.</summary>
    public sealed record RoleGrant(string Site, string Role);

    private static async Task<Ok<ListUsers.Page>> ListAsync(CastellanDbContext db, TimeProvider clock, int? page, int? size, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new ListUsers(db, clock).RunAsync(page ?? 1, size ?? 50, cancellationToken));

    private static async Task<Results<Created<RoleGrant>, Ok<RoleGrant>>> GrantAsync(string user, RoleGrant grant, ClaimsPrincipal principal, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var added = await new GrantRole(db, clock).RunAsync(user, grant.Site ?? "", ParseRole(grant.Role), WebClaims.Actor(principal), cancellationToken);
        return added ? TypedResults.Created($"/api/v1/users/{user}/roles", grant) : TypedResults.Ok(grant);
    }

    private static async Task<NoContent> RevokeAsync(string user, string? site, string? role, ClaimsPrincipal principal, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(site))
        {
            throw new InputException("site: give ?site=<site id or *>&role=<role>");
        }

        await new RevokeRole(db, clock).RunAsync(user, site, ParseRole(role), WebClaims.Actor(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnlockAsync(string user, ClaimsPrincipal principal, UnlockUser unlock, CancellationToken cancellationToken)
    {
        await unlock.RunAsync(user, WebClaims.Actor(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DisableAsync(string user, ClaimsPrincipal principal, DisableUser disable, CancellationToken cancellationToken)
    {
        await disable.RunAsync(user, WebClaims.Actor(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    public static SiteRole ParseRole(string? text) =>
        SiteRoles.TryParse(text, out var role) ? role
            : throw new InputException($"role: '{text}' is not a role; roles: {string.Join(", ", Enum.GetValues<SiteRole>().Select(r => r.ToWire()))}");
}
