using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Assets;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Assets;

/// <summary>One asset of a site, with the version an edit must carry.</summary>
public sealed class ShowAsset(CastellanDbContext db)
{
    public sealed record Outcome(Asset Asset, long Version);

    public async Task<Outcome> RunAsync(string site, string id, CancellationToken cancellationToken = default)
    {
        var row = await db.WorkspaceObjects.AsNoTracking()
            .Where(o => o.Site == site && o.Kind == ListAssets.AssetKind && o.Id == id)
            .Select(o => new { o.Json, o.Version }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UsageException($"no asset '{id}' in site '{site}'");
        return new Outcome(WorkspaceJson.Deserialize<Asset>(row.Json), row.Version);
    }
}
