namespace Castellan.Domain.Advisories;

/// <summary>
/// A CSAF 2.0 security advisory reduced to what matching and the report need: its products (from the product tree),
/// its vulnerabilities with product status, scores and remediations.
/// </summary>
public sealed record Advisory
{
    /// <summary>/document/tracking/id, e.g. ICSA-18-310-02.</summary>
    public required string TrackingId { get; init; }

    /// <summary>/document/tracking/version: an integer or a semantic version.</summary>
    public required string Version { get; init; }

    public required string Title { get; init; }

    public required string Publisher { get; init; }

    public DateTimeOffset CurrentReleaseDate { get; init; }

    public IReadOnlyList<AdvisoryProduct> Products { get; init; } = [];

    public IReadOnlyList<Vulnerability> Vulnerabilities { get; init; } = [];
}

/// <summary>
/// One product of the product tree: the vendor / product name / version branches above a product id, or a full product
/// name with identification helpers. <see cref="Versions"/> is what the version branch (or CPE) says.
/// </summary>
public sealed record AdvisoryProduct(string ProductId, string Name, string? Vendor, string? ProductName, VersionRange Versions, IReadOnlyList<string> ModelNumbers);

/// <summary>CSAF 2.0 §3.2.3.9 product status, folded into the four groups of mandatory test 6.1.6.</summary>
public enum ProductStatus
{
    /// <summary>first_affected, known_affected, last_affected.</summary>
    Affected,

    /// <summary>first_fixed, fixed.</summary>
    Fixed,

    /// <summary>known_not_affected (VEX: with a justification flag or an impact statement).</summary>
    NotAffected,

    UnderInvestigation,
}

/// <summary>A CVSS score as the advisory gives it (v2, v3.0 or v3.1), with the products it applies to.</summary>
public sealed record CvssScore(string Version, string Vector, double BaseScore, IReadOnlyList<string> Products);

/// <summary>CSAF 2.0 §3.2.3.12 remediation categories.</summary>
public enum RemediationCategory
{
    VendorFix,
    Mitigation,
    Workaround,
    NoFixPlanned,
    NoneAvailable,
}

public static class RemediationCategoryNames
{
    public static string ToWire(this RemediationCategory category) => category switch
    {
        RemediationCategory.VendorFix => "vendor_fix",
        RemediationCategory.Mitigation => "mitigation",
        RemediationCategory.Workaround => "workaround",
        RemediationCategory.NoFixPlanned => "no_fix_planned",
        RemediationCategory.NoneAvailable => "none_available",
    };

    public static bool TryParse(string? text, out RemediationCategory category) => WireNames.TryParse(text, ToWire, out category);
}

/// <summary>What to do about a vulnerability, for the products listed (group ids already expanded).</summary>
public sealed record Remediation(RemediationCategory Category, string Details, string? Url, IReadOnlyList<string> ProductIds);

/// <summary>One vulnerability of an advisory: its CVE (may be absent), product status, scores, remediations and VEX justifications.</summary>
public sealed record Vulnerability
{
    public string? Cve { get; init; }

    public string? Title { get; init; }

    /// <summary>Product id → status. A product in two groups is refused by mandatory test 6.1.6 before it gets here.</summary>
    public IReadOnlyDictionary<string, ProductStatus> Status { get; init; } = new Dictionary<string, ProductStatus>();

    /// <summary>first_fixed product ids: the version named and every later one are fixed.</summary>
    public IReadOnlySet<string> FirstFixed { get; init; } = new HashSet<string>();

    public IReadOnlyList<CvssScore> Scores { get; init; } = [];

    public IReadOnlyList<Remediation> Remediations { get; init; } = [];

    /// <summary>Product id → VEX justification label (e.g. vulnerable_code_not_present) from the flags.</summary>
    public IReadOnlyDictionary<string, string> Justifications { get; init; } = new Dictionary<string, string>();

    /// <summary>The highest base score that applies to the product (or to the whole vulnerability when no score names it).</summary>
    public CvssScore? ScoreFor(string productId) =>
        Scores.Where(s => s.Products.Count == 0 || s.Products.Contains(productId)).OrderByDescending(s => s.BaseScore).FirstOrDefault();
}
