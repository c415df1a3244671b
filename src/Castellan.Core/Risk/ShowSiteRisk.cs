using Castellan.Core.Persistence;
using Castellan.Domain.Risk;

namespace Castellan.Core.Risk;

/// <summary>
/// One site's risk register as the pages and the API show it: every threat scenario with its inherent and residual
/// risk against the tolerable line, the assessments with their IEC 62443-3-2 workflow steps (ZCR 1–7), and every zone's
/// derived SL-T (ZCR 5.6) beside the SL-T the zone declares.
/// </summary>
public sealed class ShowSiteRisk(CastellanDbContext db)
{
    public sealed record Cell(string Likelihood, string Impact);

    public sealed record TreatmentView(string Decision, IReadOnlyList<string> Controls, string? Owner, DateOnly? Due, Acceptance? Acceptance);

    public sealed record RiskView(string Id, string Assessment, string Scope, string Title, string ThreatSource, string Vector,
        string Likelihood, string Inherent, Cell InherentCell, bool InherentTolerable,
        string Residual, Cell ResidualCell, bool ResidualTolerable, bool Accepted,
        IReadOnlyList<string> Countermeasures, IReadOnlyList<string> Additional, TreatmentView? Treatment);

    public sealed record AssessmentView(string Id, string? System, IReadOnlyList<WorkflowStep> Steps, WorkflowStep? Approval, int? NextStep, int Scenarios);

    public sealed record ZoneSlt(string Zone, string Name, string Method, string Derived, string Expected, bool Overridden, string? Declared, bool Matches, IReadOnlyList<string> Steps);

    public sealed record MatrixView(IReadOnlyList<string> Likelihood, IReadOnlyList<string> Impact, IReadOnlyList<string> Bands,
        IReadOnlyList<IReadOnlyList<string>> Cells, string Tolerable, IReadOnlyList<string> Categories);

    public sealed record SiteRisk(string Site, long Version, MatrixView Matrix, IReadOnlyList<AssessmentView> Assessments, IReadOnlyList<RiskView> Risks, IReadOnlyList<ZoneSlt> Zones);

    public async Task<SiteRisk> RunAsync(string site, CancellationToken cancellationToken = default)
    {
        var (report, version, scope) = await ReportAsync(site, cancellationToken);
        var m = report.Register.Matrix;
        Cell CellOf(RiskScore s) => new(m.Likelihood[s.Likelihood], m.Impact[s.Impact]);
        var risks = report.Rows.Select(r => new RiskView(r.Scenario.Id, r.Assessment, r.Scenario.Scope, r.Scenario.Title, r.Scenario.ThreatSource, r.Scenario.Vector,
            r.Scenario.Likelihood, m.Bands[r.Inherent.Band], CellOf(r.Inherent), r.InherentTolerable,
            m.Bands[r.Residual.Band], CellOf(r.Residual), r.ResidualTolerable, r.Accepted,
            r.Scenario.Countermeasures, r.Scenario.Additional,
            r.Scenario.Treatment is { } t ? new TreatmentView(t.Decision.ToWire(), t.Controls, t.Owner, t.Due, t.Acceptance) : null)).ToList();
        var assessments = report.Register.Assessments.Select(a => new AssessmentView(a.Id, a.System, [.. a.Steps.OrderBy(s => s.Zcr)],
            Approval(a), NextStep(a), a.Scenarios.Count)).ToList();
        var zones = scope.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        var slts = report.Derivations.Select(d =>
        {
            var zone = zones[d.Zone];
            return new ZoneSlt(d.Zone, zone.Name, d.Method.ToWire(), d.Derived.ToString(), d.Expected.ToString(), d.Override is not null,
                zone.Slt?.ToString(), zone.Slt is { } slt && slt == d.Expected, d.Steps);
        }).ToList();
        return new SiteRisk(site, version, MatrixOf(m), assessments, risks, slts);
    }

    /// <summary>The heat map (inherent and residual) of the site's scenarios: the existing standalone SVG.</summary>
    public async Task<string> HeatmapAsync(string site, CancellationToken cancellationToken = default) =>
        RiskHeatmap.Render((await ReportAsync(site, cancellationToken)).Report);

    /// <summary>The organisation's matrix and the register version (for the matrix editor).</summary>
    public async Task<(MatrixView Matrix, long Version)> MatrixAsync(CancellationToken cancellationToken = default)
    {
        var (row, register) = await StoredRiskRegister.LoadAsync(db, tracked: false, cancellationToken);
        return (MatrixOf(register.Matrix), row.Version);
    }

    /// <summary>ZCR 7, the asset owner's approval, when recorded.</summary>
    public static WorkflowStep? Approval(RiskAssessment assessment) => assessment.Steps.LastOrDefault(s => s.Zcr == 7);

    /// <summary>The next step to record: one after the highest recorded (ZCR 1 when none); null once approved.</summary>
    public static int? NextStep(RiskAssessment assessment) =>
        Approval(assessment) is not null ? null : assessment.Steps.Count == 0 ? 1 : assessment.Steps.Max(s => s.Zcr) + 1;

    private static MatrixView MatrixOf(RiskMatrix m) =>
        new(m.Likelihood, m.Impact, m.Bands, m.Cells, m.Tolerable, [.. m.Categories.Select(c => c.ToWire())]);

    private async Task<(RiskReport Report, long Version, SiteRiskScope Scope)> ReportAsync(string site, CancellationToken cancellationToken)
    {
        var scope = await SiteRiskScope.LoadAsync(db, site, cancellationToken);
        var (row, register) = await StoredRiskRegister.LoadAsync(db, tracked: false, cancellationToken);
        return (RiskReport.For(scope.Narrow(register)), row.Version, scope);
    }
}
