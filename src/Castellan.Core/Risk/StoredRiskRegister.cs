using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Risk;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Risk;

/// <summary>
/// The organisation's risk register as stored: one workspace object (site "", kind "risk", id "register") whose
/// Version is the optimistic-concurrency token of every risk edit. Edits load it tracked, check the version the
/// person read, check the changed register with <see cref="RiskRegisterRules"/> and save it with one audit record,
/// in one transaction.
/// </summary>
internal static class StoredRiskRegister
{
    public const string Kind = "risk";
    public const string Id = "register";

    public static async Task<(WorkspaceObjectRow Row, RiskRegister Register)> LoadAsync(CastellanDbContext db, bool tracked, CancellationToken cancellationToken)
    {
        var rows = tracked ? db.WorkspaceObjects : db.WorkspaceObjects.AsNoTracking();
        var row = await rows.SingleOrDefaultAsync(o => o.Site == WorkspaceStore.OrganisationSite && o.Kind == Kind && o.Id == Id, cancellationToken)
            ?? throw new UsageException("the database holds no risk register; import a workspace with a 'risk:' section (docs/workspace.md)");
        return (row, WorkspaceJson.Deserialize<RiskRegister>(row.Json));
    }

    /// <summary>The sites, zones and conduits the register's scopes and systems refer to (no assets, results, flows).</summary>
    public static async Task<Workspace> SkeletonAsync(CastellanDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Kind == "site" || o.Kind == "zone" || o.Kind == "conduit")
            .Select(o => new { o.Kind, o.Json }).ToListAsync(cancellationToken);
        return new Workspace
        {
            Organisation = "",
            Sites = [.. rows.Where(r => r.Kind == "site").Select(r => WorkspaceJson.Deserialize<Site>(r.Json))],
            Zones = [.. rows.Where(r => r.Kind == "zone").Select(r => WorkspaceJson.Deserialize<Zone>(r.Json))],
            Conduits = [.. rows.Where(r => r.Kind == "conduit").Select(r => WorkspaceJson.Deserialize<Conduit>(r.Json))],
        };
    }

    public static void CheckVersion(WorkspaceObjectRow row, long expected)
    {
        if (row.Version != expected)
        {
            throw new EditConflictException("the risk register", row.Version, row.Json, expected, null);
        }
    }

    /// <summary>Refuses a register the rules refuse; the message names each field ("scenario R-01: residual.likelihood: …").</summary>
    public static async Task CheckAsync(CastellanDbContext db, RiskRegister register, CancellationToken cancellationToken)
    {
        var problems = RiskRegisterRules.Check(register, await SkeletonAsync(db, cancellationToken));
        if (problems.Count > 0)
        {
            throw new InputException(string.Join("; ", problems.Take(5).Select(p => $"{p.Kind} {p.Id}: {p.Field}: {p.Message}")));
        }
    }

    /// <summary>Writes the register and its audit record in one transaction; the version goes up by one.</summary>
    public static async Task<long> SaveAsync(CastellanDbContext db, TimeProvider clock, WorkspaceObjectRow row, RiskRegister register, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        row.Json = WorkspaceJson.Serialize(register);
        row.Version++;
        await new AuditTrail(clock).AppendAsync(db, audit, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer saved between our read and our write: the version check in the UPDATE refused ours.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var now = await db.WorkspaceObjects.AsNoTracking().SingleAsync(o => o.Site == row.Site && o.Kind == Kind && o.Id == Id, cancellationToken);
            throw new EditConflictException("the risk register", now.Version, now.Json, row.Version - 1, row.Json);
        }

        await transaction.CommitAsync(cancellationToken);
        return row.Version;
    }

    public static string Json<T>(T value) => WorkspaceJson.Serialize(value);
}
