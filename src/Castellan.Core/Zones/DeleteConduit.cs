using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Zones;

/// <summary>Removes a conduit; one that still has requirement results (scope conduit:ID) is refused.</summary>
public sealed class DeleteConduit(CastellanDbContext db, TimeProvider clock)
{
    public async Task RunAsync(string actor, string site, string id, long? version, CancellationToken cancellationToken = default) =>
        await new SiteObjectWrites(db, clock).DeleteAsync(actor, site, "conduit", id, version, async () =>
        {
            var prefix = $"conduit:{id} ";
            var results = await db.WorkspaceObjects.CountAsync(o => o.Site == site && o.Kind == "result" && o.Id.StartsWith(prefix), cancellationToken);
            if (results > 0)
            {
                throw new InputException($"conduit '{id}' cannot be deleted: it still has {results} requirement result{(results == 1 ? "" : "s")}");
            }
        }, cancellationToken);
}
