using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Assets;
using Castellan.Domain.Risk;
using Castellan.Domain.Zones;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Zones;

/// <summary>
/// Moves workspaces between files and the database, losslessly: `castellan import plant.yaml` replaces the sites the
/// file holds (all or nothing, one transaction), `castellan export --site ID` writes them back. Objects are stored one
/// per row as canonical JSON (WorkspaceJson); suppliers and the risk register belong to the organisation and are
/// stored under site "".
/// </summary>
public sealed class WorkspaceStore(DatabaseTarget database, TimeProvider clock, string actor)
{
    public const string OrganisationSite = "";
    private const string OrganisationKey = "organisation";

    public sealed record ImportOutcome(IReadOnlyList<string> Sites, int Objects, bool Replaced);

    public async Task<ImportOutcome> ImportAsync(string path, CancellationToken cancellationToken = default) =>
        await ImportAsync(await CheckWorkspace.LoadAsync(path, cancellationToken), Path.GetFileName(path), cancellationToken);

    /// <summary>Imports a loaded workspace; <paramref name="source"/> names it in messages and in the audit trail.</summary>
    public async Task<ImportOutcome> ImportAsync(Workspace workspace, string source, CancellationToken cancellationToken = default)
    {
        var rows = ToRows(workspace);
        var sites = workspace.Sites.Select(s => s.Id).ToList();
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var organisation = await db.Settings.FindAsync([OrganisationKey], cancellationToken);
        if (organisation is not null && organisation.Value != workspace.Organisation)
        {
            throw new InputException($"{source}: this database holds the workspace of '{organisation.Value}', not '{workspace.Organisation}'");
        }

        var replaced = await db.WorkspaceObjects.AnyAsync(o => sites.Contains(o.Site), cancellationToken);
        await db.WorkspaceObjects.Where(o => sites.Contains(o.Site)).ExecuteDeleteAsync(cancellationToken);
        var supplierIds = workspace.Suppliers.Select(s => s.Id).ToList();
        await db.WorkspaceObjects.Where(o => o.Site == OrganisationSite && o.Kind == "supplier" && supplierIds.Contains(o.Id)).ExecuteDeleteAsync(cancellationToken);
        if (workspace.Risk is not null)
        {
            await db.WorkspaceObjects.Where(o => o.Site == OrganisationSite && o.Kind == "risk").ExecuteDeleteAsync(cancellationToken);
        }
        if (organisation is null)
        {
            db.Settings.Add(new SettingRow { Key = OrganisationKey, Value = workspace.Organisation });
        }

        db.WorkspaceObjects.AddRange(rows);
        var audit = new Audit.AuditTrail(clock);
        foreach (var site in sites)
        {
            await audit.AppendAsync(db, new Audit.AuditEntry(actor, site, replaced ? "workspace.replace" : "workspace.import", $"site/{site}", null,
                $"{{\"source\":{System.Text.Json.JsonSerializer.Serialize(source, Audit.AuditJson.Default.String)},\"objects\":{rows.Count(r => r.Site == site)}}}"), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(sites, rows.Count, replaced);
    }

    /// <summary>The workspace of one site (or every site), with the organisation's suppliers.</summary>
    public async Task<Workspace> ExportAsync(string? site, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var organisation = await db.Settings.AsNoTracking().Where(s => s.Key == OrganisationKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UsageException("the database holds no workspace yet; run 'castellan import plant.yaml' first");
        var sites = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Kind == "site").OrderBy(o => o.Position).ThenBy(o => o.Site).Select(o => o.Site).ToListAsync(cancellationToken);
        if (site is not null && !sites.Contains(site))
        {
            throw new UsageException($"--site: no site '{site}' in the database; sites: {string.Join(", ", sites.Order(StringComparer.Ordinal))}");
        }

        var rows = await db.WorkspaceObjects.AsNoTracking()
            .Where(o => site == null || o.Site == site || o.Site == OrganisationSite)
            .OrderBy(o => o.Kind).ThenBy(o => o.Site).ThenBy(o => o.Position)
            .ToListAsync(cancellationToken);
        List<T> Of<T>(string kind) => [.. rows.Where(r => r.Kind == kind).OrderBy(r => r.Site == OrganisationSite ? 0 : 1)
            .ThenBy(r => sites.IndexOf(r.Site)).ThenBy(r => r.Position).Select(r => WorkspaceJson.Deserialize<T>(r.Json))];
        return new Workspace
        {
            Organisation = organisation,
            Sites = Of<Site>("site"),
            Zones = Of<Zone>("zone"),
            Conduits = Of<Conduit>("conduit"),
            Assets = Of<Asset>("asset"),
            Suppliers = Of<Supplier>("supplier"),
            Flows = Of<DataFlow>("flow"),
            Results = Of<RequirementResult>("result"),
            Risk = Of<RiskRegister>("risk").SingleOrDefault(),
        };
    }

    /// <summary>Every object of the workspace as a row, under the site it belongs to.</summary>
    private static List<WorkspaceObjectRow> ToRows(Workspace workspace)
    {
        var single = workspace.Sites.Count == 1 ? workspace.Sites[0].Id : OrganisationSite;
        var zoneSite = workspace.Zones.ToDictionary(z => z.Id, z => z.Site, StringComparer.Ordinal);
        var conduitSite = workspace.Conduits.ToDictionary(c => c.Id, c => c.Site, StringComparer.Ordinal);
        var assetSite = workspace.Assets.ToDictionary(a => a.Id, a => a.Zone is { } z ? zoneSite[z] : single, StringComparer.Ordinal);
        var rows = new List<WorkspaceObjectRow>();
        void Add<T>(string kind, IEnumerable<T> items, Func<T, string> site, Func<T, string> id, Func<T, string?> name, Func<T, string?> zone)
        {
            var position = 0;
            foreach (var item in items)
            {
                rows.Add(new WorkspaceObjectRow
                {
                    Site = site(item), Kind = kind, Id = id(item), Position = position++, Name = name(item), Zone = zone(item), Json = WorkspaceJson.Serialize(item),
                });
            }
        }

        Add("site", workspace.Sites, s => s.Id, s => s.Id, s => s.Name, _ => null);
        Add("zone", workspace.Zones, z => z.Site, z => z.Id, z => z.Name, z => z.Id);
        Add("conduit", workspace.Conduits, c => c.Site, c => c.Id, c => c.Name, _ => null);
        Add("asset", workspace.Assets, a => assetSite[a.Id], a => a.Id, a => a.Name, a => a.Zone);
        Add("supplier", workspace.Suppliers, _ => OrganisationSite, s => s.Id, s => s.Name, _ => null);
        Add("flow", workspace.Flows, f => assetSite.GetValueOrDefault(f.From) ?? assetSite.GetValueOrDefault(f.To) ?? single, f => $"{f.From}->{f.To} {f.Protocol}/{f.Port}", _ => null, _ => null);
        Add("result", workspace.Results, r => r.Scope.StartsWith("zone:", StringComparison.Ordinal) ? zoneSite[r.Scope[5..]] : conduitSite[r.Scope[8..]],
            r => $"{r.Scope} {r.Requirement}", _ => null, r => r.Scope.StartsWith("zone:", StringComparison.Ordinal) ? r.Scope[5..] : null);
        if (workspace.Risk is { } risk)
        {
            // The register (matrix, assessments, derivations) is the organisation's: one object.
            Add("risk", [risk], _ => OrganisationSite, _ => "register", _ => null, _ => null);
        }

        var duplicate = rows.GroupBy(r => (r.Site, r.Kind, r.Id)).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? rows : throw new InputException($"two {duplicate.Key.Kind} objects share the key '{duplicate.Key.Id}' in site '{duplicate.Key.Site}'");
    }
}
