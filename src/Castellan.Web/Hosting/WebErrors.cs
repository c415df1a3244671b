using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Castellan.Web.Hosting;

/// <summary>Errors as RFC 9457 problem details for the API; pages get the status page. Never a stack trace or a path.</summary>
public static class WebErrors
{
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

    public static Task NotFoundAsync(HttpContext context) =>
        IsApi(context)
            ? WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "There is no such object, or it is not yours to see.")
            : SetStatusAsync(context, StatusCodes.Status404NotFound);

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpwg.org/specs/rfc9110.html#status.{status}" },
            options: null, contentType: "application/problem+json", cancellationToken: context.RequestAborted);
    }

    private static Task SetStatusAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
