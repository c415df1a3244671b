using Castellan.Core.Persistence;
using Castellan.Domain.Zones;

namespace Castellan.Core.Zones;

/// <summary>Replaces a conduit's fields, provided the caller read the version the database still holds; the id stays.</summary>
public sealed class EditConduit(CastellanDbContext db, TimeProvider clock)
{
    public async Task<StoredObject<Conduit>> RunAsync(string actor, string site, string id, long version, ConduitInput input, CancellationToken cancellationToken = default)
    {
        if (input.Id is { } sent && !string.IsNullOrWhiteSpace(sent) && sent.Trim() != id)
        {
            throw new FieldException("id", $"a conduit keeps its id ('{id}'): results refer to it; create a new conduit instead");
        }

        var conduit = (input with { Id = id }).ToConduit(site);
        var json = WorkspaceJson.Serialize(conduit);
        var stored = await new SiteObjectWrites(db, clock).UpdateAsync(actor, site, "conduit", id, version, conduit.Name, json,
            () => CreateConduit.RequireZonesAsync(db, conduit, cancellationToken), cancellationToken);
        return new StoredObject<Conduit>(conduit, json, stored);
    }
}
