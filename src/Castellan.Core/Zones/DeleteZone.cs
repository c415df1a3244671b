using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Zones;

/// <summary>Removes a zone that nothing refers to any more: a zone that still holds assets, conduits or requirement results is refused.</summary>
public sealed class DeleteZone(CastellanDbContext db, TimeProvider clock)
{
    public async Task RunAsync(string actor, string site, string id, long? version, CancellationToken cancellationToken = default) =>
        await new SiteObjectWrites(db, clock).DeleteAsync(actor, site, "zone", id, version, async () =>
        {
            var assets = await db.WorkspaceObjects.CountAsync(o => o.Site == site && o.Kind == "asset" && o.Zone == id, cancellationToken);
            var results = await db.WorkspaceObjects.CountAsync(o => o.Site == site && o.Kind == "result" && o.Zone == id, cancellationToken);
            var conduits = (await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == "conduit").Select(o => o.Json).ToListAsync(cancellationToken))
                .Select(WorkspaceJson.Deserialize<Conduit>).Where(c => c.From == id || c.To == id).Select(c => c.Id).ToList();
            var holds = new List<string>();
            if (assets > 0)
            {
                holds.Add($"{assets} asset{(assets == 1 ? "" : "s")} (move them to another zone first)");
            }

            if (conduits.Count > 0)
            {
                holds.Add($"conduit{(conduits.Count == 1 ? "" : "s")} {string.Join(", ", conduits.Order(StringComparer.Ordinal))} (delete or reconnect them first)");
            }

            if (results > 0)
            {
                holds.Add($"{results} requirement result{(results == 1 ? "" : "s")}");
            }

            if (holds.Count > 0)
            {
                throw new InputException($"zone '{id}' cannot be deleted: it still has {string.Join("; ", holds)}");
            }
        }, cancellationToken);
}
