using System.Text.Json.Nodes;
using Castellan.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Hosting;

/// <summary>
/// Errors users can cause become RFC 9457 problem details: bad input 400, an unknown id 404, an edit conflict 409 with
/// both sides (<c>theirs</c> and <c>yours</c>: version and object). The one place API conflicts are mapped.
/// </summary>
internal sealed class ApiErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (EditConflictException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Edit conflict", detail: e.Message,
                extensions: new Dictionary<string, object?>
                {
                    ["theirs"] = new { version = e.TheirVersion, @object = e.TheirJson is null ? null : JsonNode.Parse(e.TheirJson) },
                    ["yours"] = new { version = e.YourVersion, @object = e.YourJson is null ? null : JsonNode.Parse(e.YourJson) },
                });
        }
        catch (UsageException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: e.Message);
        }
        catch (InputException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The input was refused", detail: e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Edit conflict",
                detail: "Someone else changed this object since you read it. Read it again, then apply your change.");
        }
    }
}
