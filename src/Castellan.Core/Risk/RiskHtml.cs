using System.Net;
using System.Text;
using Castellan.Domain.Advisories;
using Castellan.Domain.Risk;

namespace Castellan.Core.Risk;

/// <summary>The register as a self-contained HTML page (no script): risks vs tolerable, SL-T derivations, SoA reasons, known vulnerabilities.</summary>
public static class RiskHtml
{
    public static string Render(RiskReport report, string title)
    {
        var m = report.Register.Matrix;
        var h = new StringBuilder(32000);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Risk register — ").Append(E(title)).Append("</title>\n");
        h.Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#263238}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #cfd8dc;padding:.3rem .5rem;text-align:left;vertical-align:top}.no{color:#c62828;font-weight:600}</style></head><body>\n");
        h.Append("<h1>Risk register — ").Append(E(title)).Append("</h1>\n");
        h.Append("<p>ISO/IEC 27001 6.1.2 / 6.1.3 with IEC 62443-3-2 ZCR 5. Tolerable risk: up to <b>").Append(E(m.Tolerable)).Append("</b>.</p>\n");
        h.Append("<table><tr><th>risk</th><th>scope</th><th>title</th><th>inherent</th><th>residual</th><th>tolerable</th><th>treatment</th><th>controls</th></tr>\n");
        foreach (var r in report.Rows)
        {
            h.Append("<tr><td>").Append(E(r.Scenario.Id)).Append("</td><td>").Append(E(r.Scenario.Scope)).Append("</td><td>").Append(E(r.Scenario.Title))
                .Append("</td><td>").Append(E(m.Bands[r.Inherent.Band])).Append("</td><td>").Append(E(m.Bands[r.Residual.Band]))
                .Append(r.ResidualTolerable ? "</td><td>yes" : r.Accepted ? "</td><td>accepted" : "</td><td class=\"no\">no")
                .Append("</td><td>").Append(E(r.Scenario.Treatment?.Decision.ToWire() ?? "-")).Append("</td><td>").Append(E(string.Join(", ", r.Scenario.Treatment?.Controls ?? [])))
                .Append("</td></tr>\n");
        }

        h.Append("</table>\n<h2>SL-T derivations (ZCR 5.6)</h2>\n");
        foreach (var d in report.Derivations)
        {
            h.Append("<h3>").Append(E(d.Zone)).Append(": ").Append(E(d.Expected.ToString())).Append("</h3><ol>");
            foreach (var step in d.Steps)
            {
                h.Append("<li>").Append(E(step)).Append("</li>");
            }

            h.Append("</ol>\n");
        }

        h.Append("<h2>Statement of Applicability: reason for inclusion “risk assessment”</h2>\n<table><tr><th>control</th><th>risks</th></tr>\n");
        foreach (var reason in report.SoaReasons)
        {
            h.Append("<tr><td>").Append(E(reason.Control)).Append("</td><td>").Append(E(string.Join(", ", reason.Risks))).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
        if (report.Advisories is { } advisories)
        {
            h.Append("<h2>Known vulnerabilities (ZCR 5.2): open items from ").Append(advisories).Append(" advisories</h2>\n");
            h.Append("<table><tr><th>zone</th><th>asset</th><th>advisory</th><th>CVEs</th><th>CVSS</th><th>exposure</th><th>state</th><th>threat scenarios</th></tr>\n");
            foreach (var zone in report.Vulnerabilities)
            {
                foreach (var (item, scenarios) in zone.Inputs)
                {
                    h.Append("<tr><td>").Append(E(zone.Zone)).Append("</td><td>").Append(E(item.Target.Asset.Id)).Append("</td><td>").Append(E(item.Advisory.TrackingId))
                        .Append("</td><td>").Append(E(string.Join(", ", item.Cves))).Append("</td><td>").Append(item.MaxCvss.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))
                        .Append("</td><td>").Append(E(item.Target.Exposure.ToWire())).Append("</td><td>").Append(E(item.State.ToWire()))
                        .Append(scenarios.Count == 0 ? "</td><td class=\"no\">none names it" : "</td><td>" + E(string.Join(", ", scenarios))).Append("</td></tr>\n");
                }
            }

            h.Append("</table>\n");
        }

        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
