using Castellan.Core.Results;
using Microsoft.AspNetCore.Http;

namespace Castellan.Web.Results;

/// <summary>A stale edit becomes 409 with both versions: the message, yours and theirs (the current state).</summary>
internal sealed class StaleEditResults : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (StaleEditException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Edit conflict", detail: e.Message,
                extensions: new Dictionary<string, object?> { ["yourVersion"] = e.YourVersion, ["theirVersion"] = e.TheirVersion, ["theirs"] = e.Theirs });
        }
    }
}
