namespace Castellan.Domain.Zones.Rules;

/// <summary>Remote access from an external network needs explicit approval (IEC 62443-3-3 SR 1.13 RE 1).</summary>
public sealed class RemoteAccessWithoutApproval : IRule
{
    public string Id => "remote-access-unapproved";

    public string Clause => "IEC 62443-3-3 SR 1.13 RE 1";

    public IEnumerable<Finding> Evaluate(CheckContext context) =>
        context.Workspace.Conduits.Where(c => c.RemoteAccess && c.Approval is null).Select(c => new Finding(Id, Severity.Error, Clause, [$"conduit:{c.Id}"],
            $"Conduit '{c.Id}' carries remote access{(c.IsExternal ? " from an external network" : "")} with no recorded approval.",
            "Record who approved the remote access, when, and the change reference (field approval); approve each session (SR 1.13 RE 1)."));
}
