using Castellan.Domain.Catalogs;
using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Assets;

/// <summary>A compensating countermeasure (IEC 62443-3-3 §4.3) recorded for an asset that cannot meet a requirement itself.</summary>
public sealed record Compensation(string Countermeasure, string Rationale);

/// <summary>One component of the plant: a PLC, HMI, switch, server, …</summary>
public sealed record Asset
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required AssetType Type { get; init; }

    /// <summary>IEC 62443-4-2 component type (SAR, EDR, HDR, NDR).</summary>
    public ComponentType? ComponentType { get; init; }

    public string? Vendor { get; init; }

    public string? Model { get; init; }

    public string? Firmware { get; init; }

    public IReadOnlyList<IpAddress> Ips { get; init; } = [];

    public IReadOnlyList<string> Macs { get; init; } = [];

    /// <summary>The zone it belongs to; null when not yet assigned (a finding of `castellan check`).</summary>
    public string? Zone { get; init; }

    /// <summary>SL-C from supplier evidence such as an IEC 62443-4-2 certificate.</summary>
    public SlVector? Slc { get; init; }

    public bool Legacy { get; init; }

    public DateOnly? EndOfSupport { get; init; }

    public bool Patchable { get; init; } = true;

    /// <summary>Temporarily connected (a maintenance laptop, a portable tester): IEC 62443-3-2 ZCR 3.4.</summary>
    public bool Temporary { get; init; }

    /// <summary>Connects wirelessly: IEC 62443-3-2 ZCR 3.5.</summary>
    public bool Wireless { get; init; }

    public string? Supplier { get; init; }

    public Compensation? Compensation { get; init; }

    public string? Notes { get; init; }

    /// <summary>"Siemens S7-1516F" or, without vendor and model, the asset type: for messages.</summary>
    public string Describe() =>
        string.Join(' ', new[] { Vendor, Model }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } product ? product : Type.ToWire();

    /// <summary>Legacy, past end of support on <paramref name="today"/>, or not patchable.</summary>
    public bool IsLegacyOrUnpatchable(DateOnly today) => Legacy || !Patchable || (EndOfSupport is { } end && end < today);
}
