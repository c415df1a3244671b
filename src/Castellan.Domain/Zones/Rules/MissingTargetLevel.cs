namespace Castellan.Domain.Zones.Rules;

/// <summary>Every zone and conduit has a target security level vector (IEC 62443-3-2 ZCR 5.6).</summary>
public sealed class MissingTargetLevel : IRule
{
    public string Id => "missing-slt";

    public string Clause => "IEC 62443-3-2 ZCR 5.6";

    public IEnumerable<Finding> Evaluate(CheckContext context) =>
        context.Workspace.Zones.Where(z => z.Slt is null).Select(z => new Finding(Id, Severity.Error, Clause, [$"zone:{z.Id}"],
                $"Zone '{z.Id}' has no SL-T.", "Derive the SL-T from the detailed risk assessment and record it with its method (fields slt, sltMethod, sltRationale)."))
            .Concat(context.Workspace.Conduits.Where(c => c.Slt is null).Select(c => new Finding(Id, Severity.Error, Clause, [$"conduit:{c.Id}"],
                $"Conduit '{c.Id}' has no SL-T.", "Give the conduit an SL-T, usually at least that of the zones it joins.")));
}
