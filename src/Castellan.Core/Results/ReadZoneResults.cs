using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Assets;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Results;

/// <summary>One requirement of a zone as a list shows it: the catalog's words, the recorded result, its version and evidence count.</summary>
public sealed record ResultView(string Requirement, string Title, int Fr, string? Status, string? Countermeasure, string? Rationale,
    string? Evidence, string? Assessor, DateOnly? Assessed, long? Version, int EvidenceFiles)
{
    public static ResultView Of(string requirement, string title, int fr, RequirementResult? result, long? version, int evidenceFiles) =>
        new(requirement, title, fr, result?.Status.ToWire(), result?.Countermeasure, result?.Rationale, result?.Evidence, result?.Assessor, result?.Assessed, version, evidenceFiles);
}

/// <summary>
/// The IEC 62443-3-3 requirements a zone's SL-T calls for (IEC 62443-3-2 ZCR 6, <see cref="CyberSecurityRequirements"/>),
/// each with its recorded result, and the SL-A those results achieve (<see cref="AchievedLevels"/>). Reads only the
/// zone, its results, its assets and the 3-3 catalog.
/// </summary>
public sealed class ReadZoneResults(CastellanDbContext db, DatabaseTarget database)
{
    public const string ResultKind = "result";

    public sealed record Outcome(Zone Zone, ZoneLevels Levels, IReadOnlyList<ResultView> Requirements, int OtherResults);

    public static string Scope(string zone) => "zone:" + zone;

    public static string RowId(string zone, string requirement) => $"{Scope(zone)} {requirement}";

    public async Task<Outcome> RunAsync(string site, string zoneId, CancellationToken cancellationToken = default)
    {
        var zone = await ZoneAsync(db, site, zoneId, cancellationToken);
        var resultRows = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == ResultKind && o.Zone == zoneId)
            .Select(o => new { o.Json, o.Version }).ToListAsync(cancellationToken);
        var results = resultRows.Select(r => (Result: WorkspaceJson.Deserialize<RequirementResult>(r.Json), r.Version))
            .Where(r => r.Result.Scope == Scope(zoneId)).ToList();
        var assets = (await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == "asset" && o.Zone == zoneId)
            .Select(o => o.Json).ToListAsync(cancellationToken)).Select(WorkspaceJson.Deserialize<Asset>).ToList();
        var scope = Scope(zoneId);
        var evidence = await db.Evidence.AsNoTracking().Where(e => e.Site == site && e.Scope == scope)
            .GroupBy(e => e.Requirement).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var catalog = await new CheckWorkspace(database, TimeProvider.System).SystemRequirementsAsync(cancellationToken);
        var byFr = AchievedLevels.ByFoundationalRequirement(catalog);
        var statuses = results.GroupBy(r => r.Result.Requirement, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Result.Status, StringComparer.Ordinal);
        var levels = AchievedLevels.Compute(zone, statuses, catalog, assets, byFr);
        var workspace = new Workspace { Organisation = "", Zones = [zone], Assets = assets, Results = [.. results.Select(r => r.Result)] };
        var crs = CyberSecurityRequirements.Build(workspace, zone, levels, catalog);
        var versions = results.ToDictionary(r => r.Result.Requirement, r => r.Version, StringComparer.Ordinal);
        var views = crs.Requirements.Select(r => ResultView.Of(r.Requirement.Id, r.Requirement.Title, r.Fr, r.Result,
            r.Result is null ? null : versions[r.Requirement.Id], evidence.GetValueOrDefault(r.Requirement.Id))).ToList();
        var other = results.Count(r => !crs.Requirements.Any(c => c.Requirement.Id == r.Result.Requirement));
        return new Outcome(zone, levels, views, other);
    }

    public static async Task<Zone> ZoneAsync(CastellanDbContext db, string site, string zoneId, CancellationToken cancellationToken)
    {
        var json = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == "zone" && o.Id == zoneId)
            .Select(o => o.Json).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UsageException($"no zone '{zoneId}' in site '{site}'");
        return WorkspaceJson.Deserialize<Zone>(json);
    }

    /// <summary>The title and FR of an assessable IEC 62443-3-3 SR or RE; 404 for anything else.</summary>
    public static async Task<(string Title, int Fr)> RequirementAsync(CastellanDbContext db, string requirement, CancellationToken cancellationToken)
    {
        var title = await db.Requirements.AsNoTracking()
            .Where(r => r.CatalogId == CheckWorkspace.SystemRequirementsCatalog && r.Id == requirement && r.Assessable)
            .Select(r => r.Title).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UsageException($"requirement: '{requirement}' is not an IEC 62443-3-3 SR or RE (write e.g. 'SR 1.1' or 'SR 1.1 RE 1')");
        var fr = requirement.Length > 3 && char.IsAsciiDigit(requirement[3]) ? requirement[3] - '0' : 0;
        return (title, fr);
    }
}
