using System.Net;

namespace Castellan.Web.Hosting;

/// <summary>The plain page shown for 4xx/5xx on pages: the status and what to do, never a stack trace or a path.</summary>
internal static class StatusPage
{
    public static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Sign in first",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Too large",
        415 => "Unsupported file type",
        429 => "Too many requests",
        500 => "Something went wrong",
        503 => "Unavailable",
        _ => $"Error {status}",
    };

    public static string Html(int status)
    {
        var title = WebUtility.HtmlEncode(Title(status));
        var hint = status switch
        {
            404 => "There is no such page or object, or it is not yours to see.",
            429 => "Wait a minute and try again.",
            500 => "The error was logged on the server.",
            _ => "",
        };
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{title} · Castellan</title><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/static/site.css"></head>
            <body><main class="status"><h1>{status} · {title}</h1><p>{hint}</p><p><a href="/">Back to Castellan</a></p></main></body></html>
            """;
    }
}
