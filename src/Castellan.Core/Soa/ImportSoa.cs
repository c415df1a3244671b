using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Soa;

/// <summary>
/// Replaces the stored SoA with a CSV/XLSX file (read by <see cref="SoaReader"/>: every row is imported, converted
/// from 2013 numbering or refused with its reason). All or nothing: one refused row and nothing is written. A
/// control the file does not mention is stored as "not stated". Only rows that change get a new version, so an
/// edit form open on an untouched control stays valid. One audit record names the file and the changed controls.
/// </summary>
public sealed class ImportSoa(CastellanDbContext db, TimeProvider clock)
{
    /// <summary><see cref="Written"/> false: some rows were refused (see <see cref="SoaImport.Rows"/>) and nothing changed.</summary>
    public sealed record Outcome(SoaImport Import, bool Written, IReadOnlyList<string> Changed)
    {
        public IEnumerable<SoaRowOutcome> Refused => Import.Rows.Where(r => r.Outcome == SoaRowOutcome.Refused);
    }

    private sealed record Summary(string Source, int Rows, int Imported, int Converted, int Refused, int Stated, IReadOnlyList<string>? Changed, string? Error);

    /// <summary>The steps <see cref="RunAsync"/> reports.</summary>
    public static class Steps
    {
        public const string Reading = "reading the file";
        public const string Writing = "writing the SoA";
    }

    public async Task<Outcome> RunAsync(string actor, string fileName, byte[] content, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        SoaImport import;
        try
        {
            progress?.Report(new WorkProgress(Steps.Reading, 0, 0));
            import = SoaReader.Read(fileName, content);
            progress?.Report(new WorkProgress(Steps.Reading, import.Rows.Count, import.Rows.Count));
        }
        catch (InputException e)
        {
            await RefusedAsync(actor, new Summary(fileName, 0, 0, 0, 0, 0, null, e.Message), cancellationToken);
            throw;
        }

        int Count(string outcome) => import.Rows.Count(r => r.Outcome == outcome);
        var summary = new Summary(fileName, import.Rows.Count, Count(SoaRowOutcome.Imported), Count(SoaRowOutcome.Converted), Count(SoaRowOutcome.Refused),
            import.Soa.Entries.Count, null, null);
        if (summary.Refused > 0)
        {
            await RefusedAsync(actor, summary, cancellationToken);
            return new Outcome(import, false, []);
        }

        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        await AuditTrail.LockAsync(db, cancellationToken); // two imports at once: the second reads what the first wrote
        var rows = await db.WorkspaceObjects
            .Where(o => o.Site == WorkspaceStore.OrganisationSite && o.Kind == StoredSoa.Kind)
            .ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, cancellationToken);
        var before = rows.Values.Count(r => SoaRowJson.Read(r.Id, r.Json) is not null);
        var changed = new List<string>();
        var controls = AnnexA.Shipped.Controls2022;
        progress?.Report(new WorkProgress(Steps.Writing, 0, controls.Count));
        foreach (var control in controls)
        {
            var json = SoaRowJson.Of(import.Soa.Find(control.Id));
            if (!rows.TryGetValue(control.Id, out var row))
            {
                db.WorkspaceObjects.Add(new WorkspaceObjectRow
                {
                    Site = WorkspaceStore.OrganisationSite, Kind = StoredSoa.Kind, Id = control.Id, Position = AnnexA.Shipped.Order(control.Id),
                    Name = control.Title, Json = json, Version = 1,
                });
                changed.Add(control.Id);
            }
            else if (row.Json != json)
            {
                row.Json = json;
                row.Version++;
                changed.Add(control.Id);
            }
        }

        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, WorkspaceStore.OrganisationSite, "soa.import", "soa",
            $"{{\"stated\":{before}}}", WorkspaceJson.Serialize(summary with { Changed = changed })), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        progress?.Report(new WorkProgress(Steps.Writing, controls.Count, controls.Count));
        return new Outcome(import, true, changed);
    }

    private Task RefusedAsync(string actor, Summary summary, CancellationToken cancellationToken) =>
        new AuditTrail(clock).AppendAloneAsync(db, new AuditEntry(actor, WorkspaceStore.OrganisationSite, "soa.import", "soa", null,
            WorkspaceJson.Serialize(summary), AuditOutcome.Refused), cancellationToken);
}
