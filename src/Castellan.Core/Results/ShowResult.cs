using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Results;

/// <summary>A file of evidence as lists show it (never its bytes).</summary>
public sealed record EvidenceView(long Key, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>One requirement result of a zone (recorded or not yet), with its evidence files, newest first.</summary>
public sealed class ShowResult(CastellanDbContext db)
{
    public sealed record Outcome(string Zone, ResultView Result, IReadOnlyList<EvidenceView> Evidence);

    public async Task<Outcome> RunAsync(string site, string zone, string requirement, CancellationToken cancellationToken = default)
    {
        await ReadZoneResults.ZoneAsync(db, site, zone, cancellationToken);
        var (title, fr) = await ReadZoneResults.RequirementAsync(db, requirement, cancellationToken);
        var id = ReadZoneResults.RowId(zone, requirement);
        var row = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == ReadZoneResults.ResultKind && o.Id == id)
            .Select(o => new { o.Json, o.Version }).FirstOrDefaultAsync(cancellationToken);
        var scope = ReadZoneResults.Scope(zone);
        var evidence = await db.Evidence.AsNoTracking().Where(e => e.Site == site && e.Scope == scope && e.Requirement == requirement)
            .OrderByDescending(e => e.Key)
            .Select(e => new EvidenceView(e.Key, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedBy, e.UploadedAt))
            .ToListAsync(cancellationToken);
        var result = row is null ? null : WorkspaceJson.Deserialize<RequirementResult>(row.Json);
        return new Outcome(zone, ResultView.Of(requirement, title, fr, result, row?.Version, evidence.Count), evidence);
    }
}
