using System.Globalization;
using System.Text;
using Castellan.Domain.GapAnalysis;
using Castellan.Domain.Mappings;
using static System.Net.WebUtility;

namespace Castellan.Core.GapAnalysis;

/// <summary>
/// The gap report as one self-contained HTML file (no scripts, no external resources): summary first, a stacked bar
/// chart of coverage per area (FR, SPE, …) as inline SVG, the prioritised actions, then every requirement with its
/// chain of evidence and OT tailoring notes. Every text from data is HTML-encoded.
/// </summary>
public static class GapHtml
{
    private static readonly (CoverageStatus Status, string Label, string Colour)[] Legend =
    [
        (CoverageStatus.Covered, "covered", "#2e7d32"),
        (CoverageStatus.PartiallyCovered, "partially covered", "#f9a825"),
        (CoverageStatus.NotCovered, "not covered", "#c62828"),
        (CoverageStatus.OtSpecific, "OT-specific", "#6a1b9a"),
        (CoverageStatus.NotApplicable, "not applicable", "#9e9e9e"),
    ];

    public static string Render(IReadOnlyList<GapReport> reports, string soaName, DateTimeOffset generated)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>Castellan gap analysis</title><style>").Append(Css).Append("</style></head><body><main>");
        html.Append("<h1>Gap analysis: ISO/IEC 27001 → IEC 62443</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Statement of Applicability <b>{HtmlEncode(soaName)}</b> · generated {generated.UtcDateTime:yyyy-MM-dd HH:mm} UTC by Castellan · rules: docs/gap-analysis.md</p>");
        foreach (var report in reports)
        {
            RenderReport(html, report);
        }

        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static void RenderReport(StringBuilder html, GapReport report)
    {
        var t = report.Total;
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{HtmlEncode(report.Catalog.Header.Name)}:{HtmlEncode(report.Catalog.Header.Edition)} — target {HtmlEncode(report.Target.ToString())}</h2>");
        html.Append("<div class=\"cards\">");
        Card(html, $"{t.CoveragePercent.ToString("0.#", CultureInfo.InvariantCulture)} %", "coverage");
        foreach (var (status, label, colour) in Legend)
        {
            Card(html, Count(t, status).ToString(CultureInfo.InvariantCulture), label, colour);
        }

        html.Append("</div>");
        html.Append(Chart(report.Summary));
        RenderActions(html, report);
        html.Append("<h3>Requirements</h3>");
        foreach (var area in report.Summary)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h4>{HtmlEncode(area.Area)} {HtmlEncode(area.Title)} <small>{area.CoveragePercent.ToString("0.#", CultureInfo.InvariantCulture)} %</small></h4>");
            foreach (var result in report.Results.Where(r => r.Area == area.Area))
            {
                RenderResult(html, result);
            }
        }

        html.Append("</section>");
    }

    private static void RenderActions(StringBuilder html, GapReport report)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>Prioritised actions ({report.Actions.Count})</h3>");
        if (report.Actions.Count == 0)
        {
            html.Append("<p>No gaps at this target.</p>");
            return;
        }

        html.Append("<table><thead><tr><th>#</th><th>Requirement</th><th>From level</th><th>Status</th><th>Action</th></tr></thead><tbody>");
        foreach (var a in report.Actions)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{a.Rank}</td><td><a href=\"#{Anchor(a.RequirementId)}\">{HtmlEncode(a.RequirementId)}</a> {HtmlEncode(a.Title)}</td><td>{a.Level?.ToString(CultureInfo.InvariantCulture) ?? "–"}</td><td>{Badge(a.Status)}</td><td>{HtmlEncode(a.Action)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void RenderResult(StringBuilder html, GapResult result)
    {
        var r = result.Requirement;
        html.Append(CultureInfo.InvariantCulture, $"<details id=\"{Anchor(r.Id)}\"{(result.Status.IsGap() ? " open" : "")}><summary>{Badge(result.Status)} <b>{HtmlEncode(r.Id)}</b> {HtmlEncode(r.Title)}");
        if (r.Levels.First is { } first)
        {
            html.Append(CultureInfo.InvariantCulture, $" <small>from level {first}</small>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</summary><p>{HtmlEncode(result.Explanation)}</p>");
        if (result.Evidence.Count > 0)
        {
            html.Append("<table class=\"evidence\"><thead><tr><th>Control</th><th>SoA</th><th>Relationship</th><th>Contributes</th><th>Provenance</th></tr></thead><tbody>");
            foreach (var e in result.Evidence)
            {
                var rationale = e.Rationale is null ? "" : $"<br><small>{HtmlEncode(e.Rationale)}</small>";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td><b>{HtmlEncode(e.ControlId)}</b> {HtmlEncode(e.ControlTitle)}</td><td>{HtmlEncode(e.SoaState)}</td><td>{HtmlEncode(e.Relationship.ToWire())}{(e.Strength is { } s ? $" ({s}/10)" : "")}{(e.ViaParent ? " via parent" : "")}</td><td>{e.Contribution.ToString().ToLowerInvariant()}</td><td>{HtmlEncode(e.Provenance)}{(e.MappingStatus == Domain.Catalogs.VerificationStatus.Unsure ? " <i>(unreviewed)</i>" : "")}{rationale}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        foreach (var note in result.Notes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\"><b>OT: {HtmlEncode(note.Concern)}.</b> {HtmlEncode(note.Text)}</p>");
        }

        html.Append("</details>");
    }

    /// <summary>Horizontal stacked bars, one per area, widths proportional to the number of requirements per status.</summary>
    private static string Chart(IReadOnlyList<AreaSummary> areas)
    {
        const int labelWidth = 90, barWidth = 520, rowHeight = 26;
        var height = (areas.Count * rowHeight) + 40;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"Coverage per area\" viewBox=\"0 0 {Math.Max(labelWidth + barWidth + 70, labelWidth + (Legend.Length * 130))} {height}\" width=\"100%\" style=\"max-width:{labelWidth + barWidth + 70}px\">");
        for (var i = 0; i < areas.Count; i++)
        {
            var area = areas[i];
            var y = (i * rowHeight) + 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\" class=\"label\">{HtmlEncode(area.Area)}</text>");
            double x = labelWidth;
            foreach (var (status, label, colour) in Legend)
            {
                var count = Count(area, status);
                if (count == 0 || area.Total == 0)
                {
                    continue;
                }

                var width = barWidth * count / (double)area.Total;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{y}\" width=\"{width:0.##}\" height=\"18\" fill=\"{colour}\"><title>{HtmlEncode(area.Area)}: {count} {label}</title></rect>");
                x += width;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + barWidth + 6}\" y=\"{y + 15}\" class=\"label\">{area.CoveragePercent.ToString("0", CultureInfo.InvariantCulture)} %</text>");
        }

        var legendY = (areas.Count * rowHeight) + 24;
        double lx = labelWidth;
        foreach (var (_, label, colour) in Legend)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{legendY - 10}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{lx + 14}\" y=\"{legendY}\" class=\"legend\">{label}</text>");
            lx += 130;
        }

        return svg.Append("</svg>").ToString();
    }

    private static int Count(AreaSummary area, CoverageStatus status) => status switch
    {
        CoverageStatus.Covered => area.Covered,
        CoverageStatus.PartiallyCovered => area.Partial,
        CoverageStatus.NotCovered => area.NotCovered,
        CoverageStatus.OtSpecific => area.OtSpecific,
        CoverageStatus.NotApplicable => area.NotApplicable,
    };

    private static void Card(StringBuilder html, string value, string label, string colour = "#1a237e") =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><span style=\"color:{colour}\">{HtmlEncode(value)}</span>{HtmlEncode(label)}</div>");

    private static string Badge(CoverageStatus status)
    {
        var (_, label, colour) = Legend.First(l => l.Status == status);
        return $"<span class=\"badge\" style=\"background:{colour}\">{label}</span>";
    }

    private static string Anchor(string id) => "r-" + string.Concat(id.Select(c => char.IsLetterOrDigit(c) ? c : '-'));

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212121;background:#fafafa;margin:0}
        main{max-width:1100px;margin:0 auto;padding:24px}
        h1{font-size:1.6em;margin:0 0 4px} h2{border-bottom:2px solid #1a237e;padding-bottom:4px;margin-top:36px}
        .meta{color:#616161} small{color:#757575;font-weight:normal}
        .cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
        .card{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:10px 16px;min-width:110px;color:#616161;font-size:.85em}
        .card span{display:block;font-size:1.8em;font-weight:600}
        table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0;font-size:.9em}
        th,td{border:1px solid #e0e0e0;padding:5px 8px;text-align:left;vertical-align:top} th{background:#eceff1}
        details{background:#fff;border:1px solid #e0e0e0;border-radius:4px;margin:6px 0;padding:6px 10px}
        summary{cursor:pointer} .badge{color:#fff;border-radius:10px;padding:1px 8px;font-size:.8em;white-space:nowrap}
        .note{background:#fff8e1;border-left:4px solid #f9a825;padding:6px 10px;margin:6px 0}
        svg .label{font-size:12px;fill:#424242} svg .legend{font-size:11px;fill:#424242}
        """;
}
