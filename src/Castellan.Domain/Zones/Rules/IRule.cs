namespace Castellan.Domain.Zones.Rules;

/// <summary>
/// One check an IEC 62443 assessor would make on the OT model. A rule is a small class: its id, the clause it comes
/// from, and what it finds in the <see cref="CheckContext"/>. Register it in <see cref="WorkspaceChecker.Rules"/>.
/// </summary>
public interface IRule
{
    string Id { get; }

    string Clause { get; }

    IEnumerable<Finding> Evaluate(CheckContext context);
}
