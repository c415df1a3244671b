namespace Castellan.Domain.Zones.Rules;

/// <summary>Legacy, unsupported or unpatchable components have a recorded compensating countermeasure (IEC 62443-3-3 §4.3; IEC 62443-2-1 COMP 3.5).</summary>
public sealed class LegacyWithoutCompensation : IRule
{
    public string Id => "legacy-without-compensation";

    public string Clause => "IEC 62443-3-3 clause 4.3; IEC 62443-2-1 COMP 3.5";

    public IEnumerable<Finding> Evaluate(CheckContext context) =>
        context.Workspace.Assets.Where(a => a.Compensation is null && a.IsLegacyOrUnpatchable(context.Today)).Select(a => new Finding(Id, Severity.Warning, Clause,
            [$"asset:{a.Id}"],
            $"Asset '{a.Id}' ({a.Describe()}) is {Why(a, context.Today)}, with no compensating countermeasure recorded.",
            "Record the countermeasure that protects it (e.g. a dedicated zone, allow-listing conduit rules, monitoring) and a lifecycle plan."));

    private static string Why(Assets.Asset asset, DateOnly today) => string.Join(" and ", new[]
    {
        asset.Legacy ? "legacy" : null,
        !asset.Patchable ? "not patchable" : null,
        asset.EndOfSupport is { } end && end < today ? $"out of support since {end:yyyy-MM-dd}" : null,
    }.OfType<string>());
}
