using Castellan.Core.Persistence;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Zones;

/// <summary>
/// Runs every rule (WorkspaceChecker) over one site as the database holds it, with the organisation's suppliers and risk
/// register, and SL-A from the IEC 62443-3-3 catalog. ChangeMarkAsync tells cheaply whether a result
/// computed earlier still holds.
/// </summary>
public sealed class CheckSite(DatabaseTarget database, TimeProvider clock)
{
    public sealed record Outcome(Workspace Workspace, CheckReport Report, ChangeMark Mark);

    /// <summary>
    /// The last audit sequence of the site and of the organisation (suppliers, risk register). Every change writes an
    /// audit record in its own transaction, so a change always moves the mark; reading it is two index seeks.
    /// </summary>
    public readonly record struct ChangeMark(long Site, long Organisation);

    public async Task<Outcome> RunAsync(string site, CancellationToken cancellationToken = default)
    {
        var mark = await ChangeMarkAsync(site, cancellationToken);
        var workspace = await new WorkspaceStore(database, clock, "check").ExportAsync(site, cancellationToken);
        var catalog = await new CheckWorkspace(database, clock).SystemRequirementsAsync(cancellationToken);
        var report = WorkspaceChecker.Run(workspace, catalog, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return new Outcome(workspace, report, mark);
    }

    public async Task<ChangeMark> ChangeMarkAsync(string site, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await ChangeMarkAsync(db, site, cancellationToken);
    }

    public static async Task<ChangeMark> ChangeMarkAsync(CastellanDbContext db, string site, CancellationToken cancellationToken = default)
    {
        var records = db.AuditRecords.AsNoTracking();
        var own = await records.Where(r => r.Site == site).MaxAsync(r => (long?)r.Sequence, cancellationToken) ?? 0;
        var organisation = await records.Where(r => r.Site == WorkspaceStore.OrganisationSite).MaxAsync(r => (long?)r.Sequence, cancellationToken) ?? 0;
        return new ChangeMark(own, organisation);
    }
}
