namespace Castellan.Domain.Zones.Rules;

/// <summary>Every asset belongs to exactly one zone (IEC 62443-3-2 ZCR 3.1).</summary>
public sealed class AssetWithoutZone : IRule
{
    public string Id => "asset-without-zone";

    public string Clause => "IEC 62443-3-2 ZCR 3.1";

    public IEnumerable<Finding> Evaluate(CheckContext context) =>
        context.Workspace.Assets.Where(a => a.Zone is null).Select(a => new Finding(Id, Severity.Error, Clause, [$"asset:{a.Id}"],
            $"Asset '{a.Id}' ({a.Name}) is in no zone.",
            "Assign it to the zone whose security requirements it shares (field 'zone')."));
}
