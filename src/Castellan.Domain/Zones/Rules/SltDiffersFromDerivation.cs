using Castellan.Domain.Risk;

namespace Castellan.Domain.Zones.Rules;

/// <summary>
/// A zone's recorded SL-T is its derivation's result (IEC 62443-3-2 ZCR 5.6), or a hand-set override recorded with its
/// reason.
/// </summary>
public sealed class SltDiffersFromDerivation : IRule
{
    public string Id => "slt-differs-from-derivation-without-override-reason";

    public string Clause => "IEC 62443-3-2 ZCR 5.6";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        if (context.Workspace.Risk is not { } register)
        {
            yield break;
        }

        foreach (var result in SltDeriver.DeriveAll(register))
        {
            if (context.Zones.TryGetValue(result.Zone, out var zone) && zone.Slt is { } slt && slt != result.Expected)
            {
                var what = result.Override is null ? $"its derivation ({result.Method.ToWire()}) gives {result.Derived}" : $"the recorded override is {result.Override.Slt}";
                yield return new Finding(Id, Severity.Error, Clause, [$"zone:{zone.Id}"],
                    $"Zone '{zone.Id}' has SL-T {slt}, but {what}.",
                    "Set the zone's slt to the derived vector (castellan risk slt), or record an override with its reason (risk.derivations[].override).");
            }
        }
    }
}
