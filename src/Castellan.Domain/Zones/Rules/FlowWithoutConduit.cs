namespace Castellan.Domain.Zones.Rules;

/// <summary>Communication between zones passes through a conduit (IEC 62443-3-2 ZCR 3.1; IEC 62443-3-3 SR 5.1).</summary>
public sealed class FlowWithoutConduit : IRule
{
    public string Id => "flow-without-conduit";

    public string Clause => "IEC 62443-3-2 ZCR 3.1";

    public IEnumerable<Finding> Evaluate(CheckContext context)
    {
        foreach (var flow in context.Workspace.Flows)
        {
            var from = End(context, flow.From);
            var to = End(context, flow.To);
            if (from is null || to is null || from == to || context.ConduitPairs.Contains((from, to)))
            {
                continue;
            }

            yield return new Finding(Id, Severity.Error, Clause, [$"flow:{flow.From}->{flow.To}", $"zone:{from}", $"zone:{to}"],
                $"Traffic {flow.From} → {flow.To}{(flow.Protocol is null ? "" : $" ({flow.Protocol}{(flow.Port is { } p ? $"/{p}" : "")})")} crosses from zone '{from}' to '{to}' with no conduit between them.",
                $"Declare a conduit between '{from}' and '{to}' with this channel, or stop the traffic.");
        }
    }

    private static string? End(CheckContext context, string end) =>
        end.StartsWith(Conduit.ExternalPrefix, StringComparison.Ordinal) ? end : context.Assets.GetValueOrDefault(end)?.Zone;
}
