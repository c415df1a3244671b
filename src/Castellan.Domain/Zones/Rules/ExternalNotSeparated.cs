namespace Castellan.Domain.Zones.Rules;

/// <summary>Connections to external networks end in a DMZ or enterprise zone, never in the control system (IEC 62443-3-2 ZCR 3.6).</summary>
public sealed class ExternalNotSeparated : IRule
{
    public string Id => "external-not-separated";

    public string Clause => "IEC 62443-3-2 ZCR 3.6";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        foreach (var conduit in context.Workspace.Conduits.Where(c => c.IsExternal))
        {
            foreach (var zoneId in conduit.Zones)
            {
                if (context.Zones.TryGetValue(zoneId, out var zone) && zone.Purdue is not (PurdueLevel.Dmz or PurdueLevel.Business or PurdueLevel.Enterprise))
                {
                    yield return new Finding(Id, Severity.Error, Clause, [$"conduit:{conduit.Id}", $"zone:{zone.Id}"],
                        $"Conduit '{conduit.Id}' connects the external network '{(conduit.From == zoneId ? conduit.To : conduit.From)}' straight into zone '{zone.Id}' (Purdue level {zone.Purdue.ToWire()}).",
                        "Terminate external connections in a DMZ (3.5) and reach the control system from there through a further conduit.");
                }
            }
        }
    }
}
