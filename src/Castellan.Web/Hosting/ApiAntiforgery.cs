using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Castellan.Web.Hosting;

/// <summary>
/// The API accepts a session cookie too (the pages' scripts use it); then every unsafe method must carry the
/// antiforgery header, so another site cannot make a signed-in browser change anything. Bearer tokens need no header.
/// </summary>
internal sealed class ApiAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        var byCookie = !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal);
        if (unsafeMethod && byCookie && http.User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing antiforgery token",
                detail: "Send the X-CSRF-TOKEN header with a session cookie, or use an API token.");
        }

        return await next(context);
    }
}
