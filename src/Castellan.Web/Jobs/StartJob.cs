using System.Security.Claims;
using Castellan.Core.Jobs;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;

namespace Castellan.Web.Jobs;

/// <summary>Queues a job for the signed-in user (who becomes its actor) and wakes this instance's worker for it.</summary>
public sealed class StartJob(CastellanDbContext db, TimeProvider clock, JobWorker worker)
{
    public async Task<long> RunAsync(ClaimsPrincipal user, string site, string kind, string? inputKey = null, string? inputJson = null,
        string? inputName = null, byte[]? inputContent = null, CancellationToken cancellationToken = default)
    {
        var id = await new QueueJob(db, clock).RunAsync(new QueueJob.Request(site, kind, WebClaims.Actor(user), UserId(user), inputKey, inputJson,
            inputName, inputContent), cancellationToken);
        worker.Wake();
        return id;
    }

    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
