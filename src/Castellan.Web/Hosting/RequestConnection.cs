using Castellan.Core.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Hosting;

/// <summary>
/// A request to an endpoint takes its database connection once, before authentication, and gives it back when the
/// response is written. A page asks several questions (the token, the grants and the site, the list, its count …);
/// without this each query would take a pooled connection and return it (SQLite re-applies its connection pragmas on
/// every open; Npgsql resets the session). Transactions of use cases work on the open connection as before.
/// </summary>
internal static class RequestConnection
{
    public static async Task HoldAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }

        var db = context.RequestServices.GetRequiredService<CastellanDbContext>();
        try
        {
            await db.Database.OpenConnectionAsync(context.RequestAborted);
        }
        catch (System.Data.Common.DbException)
        {
            // The database is unreachable: the endpoint meets the failure itself (/healthz answers 503 with it).
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
