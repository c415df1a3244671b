using Castellan.Core.Persistence;
using Microsoft.AspNetCore.Http;

namespace Castellan.Web.Hosting;

/// <summary>GET /healthz: 200 when the database answers, 503 when it does not. No details leak.</summary>
internal static class Health
{
    public static async Task<IResult> CheckAsync(CastellanDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken) ? TypedResults.Text("ok") : TypedResults.Text("database unreachable", statusCode: 503);
        }
        catch (System.Data.Common.DbException)
        {
            return TypedResults.Text("database unreachable", statusCode: 503);
        }
    }
}
