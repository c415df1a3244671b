using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Zones;

/// <summary>A workspace object as the database holds it: its canonical JSON and the version an edit must name.</summary>
public sealed record StoredObject<T>(T Value, string Json, long Version);

/// <summary>
/// The one way the OT-model use cases write a workspace_objects row: inside one transaction with its audit record,
/// checked against the version the caller read (optimistic concurrency), so nothing is silently overwritten.
/// </summary>
internal sealed class SiteObjectWrites(CastellanDbContext db, TimeProvider clock)
{
    /// <summary>
    /// What a creation checks, in one statement while the writer holds the write lock (every statement there is time
    /// other writers wait): null when the site does not exist, else whether the id is taken and the last position.
    /// Compiled (<see cref="PerModel{TQuery}"/>): no expression tree built and hashed per creation.
    /// </summary>
    private static readonly PerModel<Func<CastellanDbContext, string, string, string, Task<CreationFact?>>> CreationFacts = new(() => EF.CompileAsyncQuery(
        (CastellanDbContext db, string site, string kind, string id) => db.WorkspaceObjects
            .Where(o => o.Site == site && o.Kind == "site" && o.Id == site)
            .Select(o => new CreationFact(
                db.WorkspaceObjects.Any(x => x.Site == site && x.Kind == kind && x.Id == id),
                db.WorkspaceObjects.Where(x => x.Site == site && x.Kind == kind).Max(x => (int?)x.Position)))
            .FirstOrDefault()));

    public async Task<long> CreateAsync(string actor, string site, string kind, string id, string? name, string? zone, string json,
        Func<Task>? checks, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var facts = await CreationFacts.For(db)(db, site, kind, id) ?? throw new UsageException($"no site '{site}'");
        if (facts.Taken)
        {
            throw new FieldException("id", $"site '{site}' already has a {kind} '{id}'");
        }

        if (checks is not null)
        {
            await checks();
        }

        var position = facts.LastPosition ?? -1;
        db.WorkspaceObjects.Add(new WorkspaceObjectRow { Site = site, Kind = kind, Id = id, Position = position + 1, Name = name, Zone = zone, Json = json, Version = 1 });
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, site, $"{kind}.create", $"{kind}/{id}", null, json), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return 1;
    }

    public async Task<long> UpdateAsync(string actor, string site, string kind, string id, long expectedVersion, string? name, string json,
        Func<Task>? checks, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var row = await FindAsync(site, kind, id, cancellationToken);
        await RefuseStaleAsync(row, expectedVersion, json, transaction, actor, cancellationToken);
        if (checks is not null)
        {
            await checks();
        }

        var before = row.Json;
        row.Json = json;
        row.Name = name;
        row.Version = expectedVersion + 1;
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, site, $"{kind}.update", $"{kind}/{id}", before, json), cancellationToken);
        await SaveAsync(row, expectedVersion, json, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row.Version;
    }

    public async Task DeleteAsync(string actor, string site, string kind, string id, long? expectedVersion, Func<Task>? checks, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var row = await FindAsync(site, kind, id, cancellationToken);
        var version = expectedVersion ?? row.Version;
        await RefuseStaleAsync(row, version, null, transaction, actor, cancellationToken);
        if (checks is not null)
        {
            await checks();
        }

        db.WorkspaceObjects.Remove(row);
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, site, $"{kind}.delete", $"{kind}/{id}", row.Json, null), cancellationToken);
        await SaveAsync(row, version, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<StoredObject<T>?> ReadAsync<T>(CastellanDbContext db, string site, string kind, string id, CancellationToken cancellationToken)
    {
        var row = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind == kind && o.Id == id)
            .Select(o => new { o.Json, o.Version }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new StoredObject<T>(WorkspaceJson.Deserialize<T>(row.Json), row.Json, row.Version);
    }

    private async Task<WorkspaceObjectRow> FindAsync(string site, string kind, string id, CancellationToken cancellationToken) =>
        await db.WorkspaceObjects.FirstOrDefaultAsync(o => o.Site == site && o.Kind == kind && o.Id == id, cancellationToken)
            ?? throw new UsageException($"site '{site}' has no {kind} '{id}'");

    /// <summary>A version other than the one stored is refused before anything changes; the refusal itself is audited.</summary>
    private async Task RefuseStaleAsync(WorkspaceObjectRow row, long expectedVersion, string? yourJson,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, string actor, CancellationToken cancellationToken)
    {
        if (row.Version == expectedVersion)
        {
            return;
        }

        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await new AuditTrail(clock).AppendAloneAsync(db, new AuditEntry(actor, row.Site, $"{row.Kind}.{(yourJson is null ? "delete" : "update")}",
            $"{row.Kind}/{row.Id}", row.Json, yourJson, AuditOutcome.Conflict), cancellationToken);
        throw new EditConflictException($"{row.Kind} '{row.Id}'", row.Version, row.Json, expectedVersion, yourJson);
    }

    /// <summary>Saves with the version read as the concurrency token: a writer that got in between makes the save fail, and the caller sees both versions.</summary>
    private async Task SaveAsync(WorkspaceObjectRow row, long expectedVersion, string? yourJson, CancellationToken cancellationToken)
    {
        db.Entry(row).Property(r => r.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == row.Site && o.Kind == row.Kind && o.Id == row.Id)
                .Select(o => new { o.Json, o.Version }).FirstOrDefaultAsync(cancellationToken);
            if (now is null)
            {
                throw new UsageException($"site '{row.Site}' has no {row.Kind} '{row.Id}' any more: someone deleted it");
            }

            throw new EditConflictException($"{row.Kind} '{row.Id}'", now.Version, now.Json, expectedVersion, yourJson);
        }
    }
}

internal sealed record CreationFact(bool Taken, int? LastPosition);
