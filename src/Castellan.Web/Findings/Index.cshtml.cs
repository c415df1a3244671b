using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Castellan.Web.Zones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Findings;

/// <summary>The site's findings grouped by rule (worst severity first); a few per rule, all of one rule with ?rule=ID.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class FindingsPageModel(CastellanDbContext db, SiteChecks checks) : PageModel
{
    public const int PerRule = 20, PerPage = 200;

    public sealed record Group(string Rule, string Severity, string Clause, int Total, int Offset, IReadOnlyList<FindingsApi.FindingDocument> Items);

    public string Site { get; private set; } = "";

    public string? Rule { get; private set; }

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, int>> BySeverity { get; private set; } = [];

    public async Task OnGetAsync(string site, string? rule, int offset, CancellationToken cancellationToken)
    {
        Site = site;
        Rule = rule;
        var check = await checks.GetAsync(db, site, allowStale: false, cancellationToken);
        var findings = check.Findings;
        BySeverity = [.. findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => new KeyValuePair<string, int>(Domain.Zones.Rules.SeverityNames.ToWire(g.Key), g.Count()))];
        var skip = Math.Max(0, offset);
        Groups = [.. findings.Where(f => rule is null || f.Rule == rule).GroupBy(f => f.Rule)
            .Select(g => new Group(g.Key, Domain.Zones.Rules.SeverityNames.ToWire(g.Max(f => f.Severity)), g.First().Clause, g.Count(), rule is null ? 0 : skip,
                [.. g.Skip(rule is null ? 0 : skip).Take(rule is null ? PerRule : PerPage).Select(FindingsApi.Of)]))];
    }
}
