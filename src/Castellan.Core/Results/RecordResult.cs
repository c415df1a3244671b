using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Results;

/// <summary>
/// Records (or changes) the result of one IEC 62443-3-3 SR/RE for a zone, with optimistic concurrency: the caller sends
/// the version it read (none for a result not yet recorded); a stale version changes nothing and names both versions.
/// One audit record in the same transaction.
/// </summary>
public sealed class RecordResult(CastellanDbContext db, TimeProvider clock)
{
    public sealed record Input(string? Status, string? Countermeasure, string? Rationale, string? Evidence, string? Assessor, DateOnly? Assessed, long? Version);

    public async Task<ResultView> RunAsync(string site, string zone, string requirement, Input input, string actor, CancellationToken cancellationToken = default)
    {
        await ReadZoneResults.ZoneAsync(db, site, zone, cancellationToken);
        var (title, fr) = await ReadZoneResults.RequirementAsync(db, requirement, cancellationToken);
        if (!ResultStatusNames.TryParse(input.Status?.Trim(), out var status))
        {
            throw new InputException($"status: '{input.Status}' is not met, not-met, compensated or not-applicable");
        }

        var result = new RequirementResult
        {
            Scope = ReadZoneResults.Scope(zone),
            Requirement = requirement,
            Status = status,
            Countermeasure = Text(input.Countermeasure),
            Rationale = Text(input.Rationale),
            Evidence = Text(input.Evidence),
            Assessor = Text(input.Assessor),
            Assessed = input.Assessed,
        };
        if (status == ResultStatus.Compensated && result.Countermeasure is null)
        {
            throw new InputException("countermeasure: a compensated result names its compensating countermeasure (IEC 62443-3-3 §4.3)");
        }

        var id = ReadZoneResults.RowId(zone, requirement);
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var row = await db.WorkspaceObjects.FirstOrDefaultAsync(o => o.Site == site && o.Kind == ReadZoneResults.ResultKind && o.Id == id, cancellationToken);
        var evidenceFiles = await db.Evidence.CountAsync(e => e.Site == site && e.Scope == result.Scope && e.Requirement == requirement, cancellationToken);
        if (row is not null && row.Version != input.Version)
        {
            var theirs = ResultView.Of(requirement, title, fr, WorkspaceJson.Deserialize<RequirementResult>(row.Json), row.Version, evidenceFiles);
            throw new EditConflictException($"{requirement} in zone '{zone}'", row.Version, WorkspaceJson.Serialize(theirs), input.Version,
                WorkspaceJson.Serialize(ResultView.Of(requirement, title, fr, result, input.Version, evidenceFiles)), $"theirs says {theirs.Status}");
        }

        var json = WorkspaceJson.Serialize(result);
        var before = row?.Json;
        if (row is null)
        {
            var position = await db.WorkspaceObjects.Where(o => o.Site == site && o.Kind == ReadZoneResults.ResultKind).MaxAsync(o => (int?)o.Position, cancellationToken) ?? -1;
            row = new WorkspaceObjectRow { Site = site, Kind = ReadZoneResults.ResultKind, Id = id, Position = position + 1, Zone = zone, Json = json, Version = 1 };
            db.WorkspaceObjects.Add(row);
        }
        else
        {
            row.Json = json;
            row.Version++;
        }

        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, site, "result.record", $"zone/{zone}/result/{requirement}", before, json), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another writer recorded or changed this result between our read and our write (update or first insert).
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var now = await db.WorkspaceObjects.AsNoTracking().FirstOrDefaultAsync(o => o.Site == site && o.Kind == ReadZoneResults.ResultKind && o.Id == id, cancellationToken);
            var theirs = now is null ? null : ResultView.Of(requirement, title, fr, WorkspaceJson.Deserialize<RequirementResult>(now.Json), now.Version, evidenceFiles);
            throw new EditConflictException($"{requirement} in zone '{zone}'", now?.Version, theirs is null ? null : WorkspaceJson.Serialize(theirs), input.Version,
                WorkspaceJson.Serialize(ResultView.Of(requirement, title, fr, result, input.Version, evidenceFiles)));
        }

        await transaction.CommitAsync(cancellationToken);
        return ResultView.Of(requirement, title, fr, result, row.Version, evidenceFiles);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
