using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Soa;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Soa;

/// <summary>
/// Changes what the stored SoA says about one control. The caller names the version it read; when the control has
/// changed since, nothing is written and an <see cref="EditConflictException"/> carries both versions (theirs, stored;
/// yours, refused) so the user can decide. The change and its audit record commit together; a conflict is recorded on its own.
/// </summary>
public sealed class EditSoaEntry(CastellanDbContext db, TimeProvider clock)
{
    public const int MaxTextLength = 4000;

    /// <summary>
    /// The fields of an edit. <see cref="Applicable"/> null clears the entry (the SoA then says nothing about the
    /// control); <see cref="Implementation"/> is a wire name (implemented, partially-implemented, planned, not-implemented).
    /// </summary>
    public sealed record Fields(bool? Applicable, string? Justification, string? Implementation, string? Owner, string? Evidence, string? Notes);

    public async Task<StoredSoaEntry> RunAsync(string actor, string controlId, Fields fields, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var control = LoadSoa.RequireControl(controlId);
        var yours = Validate(control.Id, fields);
        var target = $"soa/{control.Id}";
        try
        {
            await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
            var row = await db.WorkspaceObjects.FirstOrDefaultAsync(
                o => o.Site == WorkspaceStore.OrganisationSite && o.Kind == StoredSoa.Kind && o.Id == control.Id, cancellationToken);
            if ((row?.Version ?? 0) != expectedVersion)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw await ConflictAsync(actor, control.Id, yours, expectedVersion, cancellationToken);
            }

            var before = row is null ? null : SoaRowJson.Read(control.Id, row.Json);
            yours = yours is null ? null : yours with { ConvertedFrom = before?.ConvertedFrom };
            if (row is null)
            {
                row = new WorkspaceObjectRow
                {
                    Site = WorkspaceStore.OrganisationSite, Kind = StoredSoa.Kind, Id = control.Id, Position = AnnexA.Shipped.Order(control.Id),
                    Name = control.Title, Json = SoaRowJson.Of(yours), Version = 1,
                };
                db.WorkspaceObjects.Add(row);
            }
            else
            {
                // Version is the concurrency token: EF updates only where the stored version is still the one read.
                row.Json = SoaRowJson.Of(yours);
                row.Version++;
            }

            await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, WorkspaceStore.OrganisationSite, "soa.update", target,
                before is null ? null : SoaRowJson.Of(before), SoaRowJson.Of(yours)), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new StoredSoaEntry(control.Id, control.Title, yours, row.Version);
        }
        catch (DbUpdateException)
        {
            // Someone wrote the row between our read and our write (an update, or the first insert of the control).
            db.ChangeTracker.Clear();
            throw await ConflictAsync(actor, control.Id, yours, expectedVersion, cancellationToken);
        }
    }

    private async Task<EditConflictException> ConflictAsync(string actor, string controlId, SoaEntry? yours, long yourVersion, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var theirs = await new LoadSoa(db).FindAsync(controlId, cancellationToken);
        var (theirJson, yourJson) = (SoaRowJson.Of(theirs.Entry), SoaRowJson.Of(yours));
        await new AuditTrail(clock).AppendAloneAsync(db, new AuditEntry(actor, WorkspaceStore.OrganisationSite, "soa.update", $"soa/{controlId}",
            theirJson, yourJson, AuditOutcome.Conflict), cancellationToken);
        return new EditConflictException($"{controlId} of the SoA", theirs.Version, theirJson, yourVersion, yourJson);
    }

    /// <summary>The entry the fields describe, or null for "not stated"; a bad field is an <see cref="InputException"/> naming it.</summary>
    public static SoaEntry? Validate(string controlId, Fields fields)
    {
        var justification = Text("justification", fields.Justification);
        var owner = Text("owner", fields.Owner);
        var evidence = Text("evidence", fields.Evidence);
        var notes = Text("notes", fields.Notes);
        var implementation = ImplementationStatus.NotImplemented;
        if (!string.IsNullOrWhiteSpace(fields.Implementation) && !ImplementationStatusNames.TryParse(fields.Implementation.Trim(), out implementation))
        {
            throw new InputException($"{controlId}: implementation: '{fields.Implementation}' is not one of "
                + string.Join(", ", Enum.GetValues<ImplementationStatus>().Select(s => s.ToWire())));
        }

        if (fields.Applicable is not { } applicable)
        {
            return justification is null && owner is null && evidence is null && notes is null
                ? null
                : throw new InputException($"{controlId}: applicable: say whether the control applies (yes or no) to keep a justification, owner, evidence or notes");
        }

        return new SoaEntry
        {
            ControlId = controlId,
            Applicable = applicable,
            Justification = justification,
            Implementation = applicable ? implementation : ImplementationStatus.NotImplemented,
            Owner = owner,
            Evidence = evidence,
            Notes = notes,
        };

        string? Text(string field, string? value)
        {
            var text = value?.Trim();
            if (text is { Length: > MaxTextLength })
            {
                throw new InputException($"{controlId}: {field}: {text.Length} characters; the limit is {MaxTextLength}");
            }

            return string.IsNullOrEmpty(text) ? null : text;
        }
    }
}
