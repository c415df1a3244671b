namespace Castellan.Web.Hosting;

/// <summary>The menu. A feature that adds pages adds its link here, in the order users work.</summary>
public sealed class Navigation
{
    public sealed record Link(string Path, string Title);

    /// <summary>Relative to /sites/{site}/.</summary>
    public IReadOnlyList<Link> SiteLinks { get; } =
    [
        new("assets", "Assets"),
    ];

    /// <summary>Relative to /.</summary>
    public IReadOnlyList<Link> OrganisationLinks { get; } =
    [
        new("audit", "Audit trail"),
    ];
}
