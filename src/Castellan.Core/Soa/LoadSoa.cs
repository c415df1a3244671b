using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Soa;

/// <summary>
/// Reads the organisation's stored Statement of Applicability: the 93 Annex A controls, each with what the SoA says
/// about it and the version an edit must name. Reads only.
/// </summary>
public sealed class LoadSoa(CastellanDbContext db)
{
    public async Task<StoredSoa> RunAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.WorkspaceObjects.AsNoTracking()
            .Where(o => o.Site == WorkspaceStore.OrganisationSite && o.Kind == StoredSoa.Kind)
            .Select(o => new { o.Id, o.Json, o.Version })
            .ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, cancellationToken);
        return new StoredSoa([.. AnnexA.Shipped.Controls2022.Select(c => rows.TryGetValue(c.Id, out var row)
            ? new StoredSoaEntry(c.Id, c.Title, SoaRowJson.Read(c.Id, row.Json), row.Version)
            : new StoredSoaEntry(c.Id, c.Title, null, 0))]);
    }

    /// <summary>One control; an id that is not an ISO/IEC 27001:2022 Annex A control is a <see cref="UsageException"/>.</summary>
    public async Task<StoredSoaEntry> FindAsync(string controlId, CancellationToken cancellationToken = default)
    {
        var control = RequireControl(controlId);
        var row = await db.WorkspaceObjects.AsNoTracking()
            .Where(o => o.Site == WorkspaceStore.OrganisationSite && o.Kind == StoredSoa.Kind && o.Id == control.Id)
            .Select(o => new { o.Json, o.Version })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? new StoredSoaEntry(control.Id, control.Title, null, 0)
            : new StoredSoaEntry(control.Id, control.Title, SoaRowJson.Read(control.Id, row.Json), row.Version);
    }

    /// <summary>Whether any control's row has been written (the demo loads the sample SoA only into an empty store).</summary>
    public Task<bool> AnyStoredAsync(CancellationToken cancellationToken = default) =>
        db.WorkspaceObjects.AnyAsync(o => o.Site == WorkspaceStore.OrganisationSite && o.Kind == StoredSoa.Kind, cancellationToken);

    internal static Domain.Catalogs.Requirement RequireControl(string controlId) =>
        AnnexA.Shipped.Controls2022.FirstOrDefault(c => string.Equals(c.Id, controlId?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"'{controlId}' is not an ISO/IEC 27001:2022 Annex A control (A.5.1 … A.8.34)");
}
