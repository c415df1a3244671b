using System.Security.Claims;
using Castellan.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Authorization;

/// <summary>
/// Grants a <see cref="SiteAccessRequirement"/> when the user holds a role on the site (or on "*") that allows the
/// access, and the site exists. An API token narrows its user to reading when its scope is "read".
/// </summary>
internal sealed class SiteAccessHandler(UserGrants grants) : AuthorizationHandler<SiteAccessRequirement>
{
    public const string SiteRouteValue = "site";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SiteAccessRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        if (context.User.FindFirstValue(WebClaims.TokenScope) == "read" && requirement.Access is not (Access.Read or Access.ReadAudit))
        {
            return;
        }

        var site = requirement.Scope == SiteScope.Organisation ? null : http?.GetRouteValue(SiteRouteValue) as string;
        var held = site is null
            ? await grants.ForUserAsync(userId, http?.RequestAborted ?? default)
            : await grants.ForUserAtSiteAsync(userId, site, http!.RequestAborted);
        if (requirement.Scope == SiteScope.Organisation)
        {
            var allowed = requirement.Access == Access.Read ? held.Count > 0 : SiteRoles.Allows(held, null, requirement.Access);
            if (allowed)
            {
                context.Succeed(requirement);
            }

            return;
        }

        if (site is not null && SiteRoles.Allows(held, site, requirement.Access) && await grants.SiteExistsAsync(site, http!.RequestAborted))
        {
            context.Succeed(requirement);
        }
    }
}

public static class WebClaims
{
    /// <summary>Present when the request is authenticated by an API token: "read" or "write".</summary>
    public const string TokenScope = "castellan:token-scope";

    /// <summary>The token's name, for the audit trail ("token:alice/ci").</summary>
    public const string TokenName = "castellan:token-name";

    /// <summary>The actor the audit trail names for this principal.</summary>
    public static string Actor(ClaimsPrincipal user) =>
        user.FindFirstValue(TokenName) is { } token ? $"token:{user.Identity?.Name}/{token}" : $"user:{user.Identity?.Name}";
}
