using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Castellan.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace Castellan.Web.Authorization;

/// <summary>
/// A signed-in user refused by a site policy gets 404, exactly like a site or object that does not exist, so one
/// site's users cannot even learn what another site holds. Refusals of organisation policies stay 403.
/// </summary>
internal sealed class DeniedAsNotFound : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && policy.Requirements.OfType<SiteAccessRequirement>().Any(r => r.Scope == SiteScope.RouteSite))
        {
            await WebErrors.NotFoundAsync(context);
            return;
        }

        if (authorizeResult.Challenged && WebErrors.IsApi(context))
        {
            await WebErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "Sign in first", "Send a session cookie or 'Authorization: Bearer <token>'.");
            return;
        }

        if (authorizeResult.Forbidden && WebErrors.IsApi(context))
        {
            await WebErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed", "Your roles do not allow this.");
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
