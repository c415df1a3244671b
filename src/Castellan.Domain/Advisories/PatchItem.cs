using Castellan.Domain.Risk;

namespace Castellan.Domain.Advisories;

/// <summary>
/// One patch-management item: an advisory on an asset (IEC 62443-2-3 tracks patches per device and patch), the
/// matches behind it, and the latest recorded step — none recorded means open.
/// </summary>
public sealed record PatchItem(VulnerableAsset Target, Advisory Advisory, IReadOnlyList<AdvisoryMatch> Matches, PatchStep? Step)
{
    public PatchState State => Step?.State ?? PatchState.Open;

    /// <summary>Open, evaluating or scheduled: still a known vulnerability of the asset's zone (IEC 62443-3-2 ZCR 5.2).</summary>
    public bool IsOpen => !State.IsClosed();

    public IReadOnlyList<string> Cves => [.. Matches.Select(m => m.Vulnerability.Cve).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public double MaxCvss => Matches.Max(m => m.Vulnerability.ScoreFor(m.Product.ProductId)?.BaseScore ?? 0);
}

/// <summary>A still open patch item as an input of its zone's detailed risk assessment (ZCR 5.2), with the zone's threat scenarios that name it.</summary>
public sealed record VulnerabilityInput(PatchItem Item, IReadOnlyList<string> Scenarios);

/// <summary>The open vulnerabilities of one zone as inputs of its risk assessment (ZCR 5.2).</summary>
public sealed record ZoneVulnerabilities(string Zone, IReadOnlyList<VulnerabilityInput> Inputs);

public static class PatchItems
{
    /// <summary>
    /// One item per (asset, advisory), in the order of the vulnerability report (exposure, consequence, CVSS), and per
    /// asset by the highest CVSS base score, then tracking id. <paramref name="steps"/>: the latest step per (tracking id, asset id).
    /// </summary>
    public static IReadOnlyList<PatchItem> Build(IReadOnlyList<VulnerableAsset> assets, IReadOnlyDictionary<(string TrackingId, string AssetId), PatchStep> steps) =>
        [.. assets.SelectMany(a => a.Matches.GroupBy(m => m.Advisory.TrackingId, StringComparer.Ordinal)
            .Select(g => new PatchItem(a, g.First().Advisory, [.. g], steps.GetValueOrDefault((g.Key, a.Asset.Id))))
            .OrderByDescending(i => i.MaxCvss).ThenBy(i => i.Advisory.TrackingId, StringComparer.Ordinal))];

    /// <summary>
    /// The open items of the assets in <paramref name="zoneId"/>, each with the threat scenarios of the zone (scope
    /// "zone:ID") whose vulnerabilities name its tracking id or one of its CVEs.
    /// </summary>
    public static IReadOnlyList<VulnerabilityInput> InputsOf(string zoneId, IReadOnlyList<PatchItem> items, RiskRegister? register)
    {
        var scenarios = register?.Assessments.SelectMany(a => a.Scenarios).Where(s => s.Scope == "zone:" + zoneId).ToList() ?? [];
        return [.. items.Where(i => i.IsOpen && i.Target.Zone?.Id == zoneId).Select(i => new VulnerabilityInput(i,
            [.. scenarios.Where(s => s.Vulnerabilities.Any(v => Names(v, i))).Select(s => s.Id)]))];
    }

    /// <summary>Every zone with open items, with its inputs, zones in id order.</summary>
    public static IReadOnlyList<ZoneVulnerabilities> InputsByZone(IReadOnlyList<PatchItem> items, RiskRegister? register) =>
        [.. items.Where(i => i.IsOpen && i.Target.Zone is not null).Select(i => i.Target.Zone!.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(z => new ZoneVulnerabilities(z, InputsOf(z, items, register)))];

    private static bool Names(string vulnerability, PatchItem item) =>
        vulnerability.Contains(item.Advisory.TrackingId, StringComparison.OrdinalIgnoreCase)
        || item.Cves.Any(cve => vulnerability.Contains(cve, StringComparison.OrdinalIgnoreCase));
}
