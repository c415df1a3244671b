namespace Castellan.Domain.Zones.Rules;

/// <summary>Temporarily connected devices (maintenance laptops, portable testers) are in zones of their own (IEC 62443-3-2 ZCR 3.4).</summary>
public sealed class TemporaryNotSeparated : IRule
{
    public string Id => "temporary-not-separated";

    public string Clause => "IEC 62443-3-2 ZCR 3.4";

    public IEnumerable<Finding> Evaluate(CheckContext context) =>
        WirelessNotSeparated.Mixed(context, a => a.Temporary).Select(m => new Finding(Id, Severity.Warning, Clause,
            [$"zone:{m.Zone}", .. m.Flagged.Take(5).Select(a => $"asset:{a.Id}")],
            $"Zone '{m.Zone}' holds temporarily connected devices ({string.Join(", ", m.Flagged.Take(3).Select(a => a.Id))}) together with permanent control assets.",
            "Connect temporary devices through a zone of their own (a maintenance zone) and a conduit."));
}
