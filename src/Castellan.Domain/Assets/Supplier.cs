namespace Castellan.Domain.Assets;

/// <summary>What a supplier has shown: e.g. kind "4-2-slc" with an SL-C vector, "4-1-ml" "3", "2-4-ml" "2", with a reference.</summary>
public sealed record SupplierEvidence(string Kind, string Value, string? Reference);

/// <summary>A product supplier or service provider and its IEC 62443 evidence (4-1 ML, 4-2 SL-C, 2-4 ML).</summary>
public sealed record Supplier
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>product-supplier, integration-service-provider, maintenance-service-provider.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public IReadOnlyList<SupplierEvidence> Evidence { get; init; } = [];
}
