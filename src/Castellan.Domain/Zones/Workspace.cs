using Castellan.Domain.Assets;
using Castellan.Domain.Risk;

namespace Castellan.Domain.Zones;

/// <summary>
/// The OT model of one organisation: sites, zones, conduits, assets, suppliers, data flows and requirement results.
/// References between them are by id; <see cref="WorkspaceRules.Check"/> says which are broken.
/// </summary>
public sealed record Workspace
{
    public required string Organisation { get; init; }

    public IReadOnlyList<Site> Sites { get; init; } = [];

    public IReadOnlyList<Zone> Zones { get; init; } = [];

    public IReadOnlyList<Conduit> Conduits { get; init; } = [];

    public IReadOnlyList<Asset> Assets { get; init; } = [];

    public IReadOnlyList<Supplier> Suppliers { get; init; } = [];

    public IReadOnlyList<DataFlow> Flows { get; init; } = [];

    public IReadOnlyList<RequirementResult> Results { get; init; } = [];

    /// <summary>The risk register (IEC 62443-3-2 inside ISO/IEC 27001 6.1.2), when the workspace has one.</summary>
    public RiskRegister? Risk { get; init; }
}

/// <summary>A broken reference or duplicate in a workspace, located by the kind and id of the object.</summary>
public sealed record WorkspaceProblem(string Kind, string Id, string Field, string Message);

/// <summary>Referential integrity of a workspace: what must hold before any 62443 rule is worth running.</summary>
public static class WorkspaceRules
{
    public static IReadOnlyList<WorkspaceProblem> Check(Workspace workspace)
    {
        var problems = new List<WorkspaceProblem>();
        var sites = Unique(problems, "site", workspace.Sites.Select(s => s.Id));
        var zones = Unique(problems, "zone", workspace.Zones.Select(z => z.Id));
        Unique(problems, "conduit", workspace.Conduits.Select(c => c.Id));
        var assets = Unique(problems, "asset", workspace.Assets.Select(a => a.Id));
        var suppliers = Unique(problems, "supplier", workspace.Suppliers.Select(s => s.Id));

        foreach (var zone in workspace.Zones.Where(z => !sites.Contains(z.Site)))
        {
            problems.Add(new("zone", zone.Id, "site", $"unknown site '{zone.Site}'"));
        }

        foreach (var conduit in workspace.Conduits)
        {
            if (!sites.Contains(conduit.Site))
            {
                problems.Add(new("conduit", conduit.Id, "site", $"unknown site '{conduit.Site}'"));
            }

            foreach (var (field, end) in new[] { ("from", conduit.From), ("to", conduit.To) })
            {
                if (!end.StartsWith(Conduit.ExternalPrefix, StringComparison.Ordinal) && !zones.Contains(end))
                {
                    problems.Add(new("conduit", conduit.Id, field, $"unknown zone '{end}' (an external network is written 'external:NAME')"));
                }
            }

            if (conduit.From == conduit.To)
            {
                problems.Add(new("conduit", conduit.Id, "to", "a conduit joins two different zones"));
            }
        }

        foreach (var asset in workspace.Assets)
        {
            if (asset.Zone is not null && !zones.Contains(asset.Zone))
            {
                problems.Add(new("asset", asset.Id, "zone", $"unknown zone '{asset.Zone}'"));
            }

            if (asset.Supplier is not null && !suppliers.Contains(asset.Supplier))
            {
                problems.Add(new("asset", asset.Id, "supplier", $"unknown supplier '{asset.Supplier}'"));
            }
        }

        foreach (var flow in workspace.Flows)
        {
            foreach (var (field, end) in new[] { ("from", flow.From), ("to", flow.To) })
            {
                if (!end.StartsWith(Conduit.ExternalPrefix, StringComparison.Ordinal) && !assets.Contains(end))
                {
                    problems.Add(new("flow", $"{flow.From}->{flow.To}", field, $"unknown asset '{end}'"));
                }
            }
        }

        var conduitIds = workspace.Conduits.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var result in workspace.Results)
        {
            var known = result.Scope.StartsWith("zone:", StringComparison.Ordinal) ? zones.Contains(result.Scope[5..])
                : result.Scope.StartsWith("conduit:", StringComparison.Ordinal) && conduitIds.Contains(result.Scope[8..]);
            if (!known)
            {
                problems.Add(new("result", $"{result.Scope} {result.Requirement}", "scope", $"unknown scope '{result.Scope}' (write zone:ID or conduit:ID)"));
            }

            if (result.Status == ResultStatus.Compensated && string.IsNullOrWhiteSpace(result.Countermeasure))
            {
                problems.Add(new("result", $"{result.Scope} {result.Requirement}", "countermeasure", "a compensated result names its compensating countermeasure"));
            }
        }

        return problems;
    }

    private static HashSet<string> Unique(List<WorkspaceProblem> problems, string kind, IEnumerable<string> ids)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!set.Add(id))
            {
                problems.Add(new(kind, id, "id", $"duplicate {kind} id '{id}'"));
            }
        }

        return set;
    }
}
