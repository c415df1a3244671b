using Castellan.Core.Persistence;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Zones;

/// <summary>Adds a conduit (IEC 62443-3-2 ZCR 3.1) between two zones of the same site, or a zone and an external network.</summary>
public sealed class CreateConduit(CastellanDbContext db, TimeProvider clock)
{
    public async Task<StoredObject<Conduit>> RunAsync(string actor, string site, ConduitInput input, CancellationToken cancellationToken = default)
    {
        var conduit = input.ToConduit(site);
        var json = WorkspaceJson.Serialize(conduit);
        var version = await new SiteObjectWrites(db, clock).CreateAsync(actor, site, "conduit", conduit.Id, conduit.Name, null, json,
            () => RequireZonesAsync(db, conduit, cancellationToken), cancellationToken);
        return new StoredObject<Conduit>(conduit, json, version);
    }

    /// <summary>Each end is a zone of the conduit's own site or "external:NAME".</summary>
    internal static async Task RequireZonesAsync(CastellanDbContext db, Conduit conduit, CancellationToken cancellationToken)
    {
        foreach (var (field, end) in new[] { ("from", conduit.From), ("to", conduit.To) })
        {
            if (end.StartsWith(Conduit.ExternalPrefix, StringComparison.Ordinal))
            {
                if (end.Length == Conduit.ExternalPrefix.Length)
                {
                    throw new FieldException(field, "an external network is written 'external:NAME'");
                }

                continue;
            }

            if (!await db.WorkspaceObjects.AnyAsync(o => o.Site == conduit.Site && o.Kind == "zone" && o.Id == end, cancellationToken))
            {
                throw new FieldException(field, $"site '{conduit.Site}' has no zone '{end}' (an external network is written 'external:NAME')");
            }
        }
    }
}
