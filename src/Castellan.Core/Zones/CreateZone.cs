using Castellan.Core.Persistence;
using Castellan.Domain.Zones;

namespace Castellan.Core.Zones;

/// <summary>Adds a zone to a site (IEC 62443-3-2 ZCR 3), with its audit record, in one transaction.</summary>
public sealed class CreateZone(CastellanDbContext db, TimeProvider clock)
{
    public async Task<StoredObject<Zone>> RunAsync(string actor, string site, ZoneInput input, CancellationToken cancellationToken = default)
    {
        var zone = input.ToZone(site);
        var json = WorkspaceJson.Serialize(zone);
        var version = await new SiteObjectWrites(db, clock).CreateAsync(actor, site, "zone", zone.Id, zone.Name, zone.Id, json, null, cancellationToken);
        return new StoredObject<Zone>(zone, json, version);
    }
}
