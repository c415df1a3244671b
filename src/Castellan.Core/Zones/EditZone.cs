using Castellan.Core.Persistence;
using Castellan.Domain.Zones;

namespace Castellan.Core.Zones;

/// <summary>
/// Replaces a zone's fields, provided the caller read the version the database still holds. The id and site stay:
/// assets, conduits and results refer to the zone by its id.
/// </summary>
public sealed class EditZone(CastellanDbContext db, TimeProvider clock)
{
    public async Task<StoredObject<Zone>> RunAsync(string actor, string site, string id, long version, ZoneInput input, CancellationToken cancellationToken = default)
    {
        if (input.Id is { } sent && !string.IsNullOrWhiteSpace(sent) && sent.Trim() != id)
        {
            throw new FieldException("id", $"a zone keeps its id ('{id}'): assets, conduits and results refer to it; create a new zone instead");
        }

        var zone = (input with { Id = id }).ToZone(site);
        var json = WorkspaceJson.Serialize(zone);
        var stored = await new SiteObjectWrites(db, clock).UpdateAsync(actor, site, "zone", id, version, zone.Name, json, null, cancellationToken);
        return new StoredObject<Zone>(zone, json, stored);
    }
}
