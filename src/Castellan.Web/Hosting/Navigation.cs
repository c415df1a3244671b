namespace Castellan.Web.Hosting;

/// <summary>The menu. A feature that adds pages adds its link here, in the order users work.</summary>
public sealed class Navigation
{
    public sealed record Link(string Path, string Title);

    /// <summary>Relative to /sites/{site}/.</summary>
    public IReadOnlyList<Link> SiteLinks { get; } =
    [
        new("zones", "Zones"),
        new("conduits", "Conduits"),
        new("assets", "Assets"),
        new("diagram", "Diagram"),
        new("findings", "Findings"),
        new("risk", "Risk"),
        new("jobs", "Jobs"),
        new("audit", "Audit"),
    ];

    /// <summary>Relative to /.</summary>
    public IReadOnlyList<Link> OrganisationLinks { get; } =
    [
        new("soa", "SoA"),
        new("gap", "Gap analysis"),
        new("catalogs", "Catalogs"),
        new("mappings", "Mappings"),
        new("jobs", "Jobs"),
        new("audit", "Audit trail"),
        new("admin/users", "Users"),
    ];
}
