namespace Castellan.Domain.Zones.Rules;

/// <summary>No conduit joins enterprise zones (Purdue 4–5) straight to control zones (0–2): a DMZ sits between (IEC 62443-3-3 SR 5.1 RE 2).</summary>
public sealed class EnterpriseToControlWithoutDmz : IRule
{
    public string Id => "enterprise-to-control-without-dmz";

    public string Clause => "IEC 62443-3-2 ZCR 3.2; IEC 62443-3-3 SR 5.1 RE 2";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        foreach (var conduit in context.Workspace.Conduits.Where(c => !c.IsExternal))
        {
            if (!context.Zones.TryGetValue(conduit.From, out var a) || !context.Zones.TryGetValue(conduit.To, out var b))
            {
                continue;
            }

            if ((a.Purdue.IsEnterprise() && b.Purdue.IsControl()) || (b.Purdue.IsEnterprise() && a.Purdue.IsControl()))
            {
                yield return new Finding(Id, Severity.Error, Clause, [$"conduit:{conduit.Id}", $"zone:{a.Id}", $"zone:{b.Id}"],
                    $"Conduit '{conduit.Id}' joins '{a.Id}' (Purdue {a.Purdue.ToWire()}) directly to '{b.Id}' (Purdue {b.Purdue.ToWire()}) with no DMZ between.",
                    "Route the traffic through a DMZ zone (3.5), e.g. a historian replica or a jump host, with a conduit on each side.");
            }
        }
    }
}
