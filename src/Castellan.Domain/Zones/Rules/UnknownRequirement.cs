namespace Castellan.Domain.Zones.Rules;

/// <summary>Requirement results name IEC 62443-3-3 SRs and REs that exist.</summary>
public sealed class UnknownRequirement : IRule
{
    public string Id => "result-unknown-requirement";

    public string Clause => "IEC 62443-3-3";

    public IEnumerable<Finding> Evaluate(CheckContext context) =>
        context.Workspace.Results.Where(r => context.SystemRequirements.Find(r.Requirement) is not { Assessable: true }).Select(r => new Finding(Id, Severity.Error, Clause,
            [r.Scope],
            $"Result for '{r.Requirement}' in {r.Scope}: no such SR or RE in IEC 62443-3-3.",
            "Use the catalog ids, e.g. 'SR 1.1' or 'SR 1.1 RE 1' (castellan catalog show iec62443-3-3-2013)."));
}
