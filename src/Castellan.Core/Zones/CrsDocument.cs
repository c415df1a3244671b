using System.Globalization;
using System.Text.Json;
using System.Text;
using Castellan.Core.Common;
using Castellan.Domain.Advisories;
using Castellan.Domain.Assets;
using Castellan.Domain.Risk;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using static System.Net.WebUtility;

namespace Castellan.Core.Zones;

/// <summary>The CRS of a zone (IEC 62443-3-2 ZCR 6) as stable JSON or a self-contained HTML document.</summary>
public static class CrsDocument
{
    public static void WriteJson(Stream output, CyberSecurityRequirements crs)
    {
        using var json = new Utf8JsonWriter(output, JsonWriting.Indented);
        var z = crs.Zone;
        json.WriteStartObject();
        json.WriteStartObject("zone");
        json.WriteString("id", z.Id);
        json.WriteString("name", z.Name);
        json.WriteString("site", z.Site);
        json.WriteString("purdue", z.Purdue.ToWire());
        json.WriteBoolean("safety", z.Safety);
        json.WriteOptional("criticality", z.Criticality);
        json.WriteOptional("accountable", z.Accountable);
        json.WriteStrings("networks", z.Networks.Select(n => n.Text));
        json.WriteStrings("essentialFunctions", z.EssentialFunctions);
        json.WriteOptional("slt", z.Slt?.ToString());
        json.WriteOptional("sltMethod", z.SltBasis?.Method);
        json.WriteOptional("sltRationale", z.SltBasis?.Rationale);
        json.WriteString("sla", crs.Levels.Sla.ToString());
        json.WriteOptional("gap", crs.Levels.Gap?.ToString());
        json.WriteEndObject();
        json.WriteStartArray("assets");
        foreach (var a in crs.Assets)
        {
            json.WriteStartObject();
            json.WriteString("id", a.Id);
            json.WriteString("type", a.Type.ToWire());
            json.WriteOptional("product", a.Describe());
            json.WriteOptional("firmware", a.Firmware);
            json.WriteOptional("slc", a.Slc?.ToString());
            json.WriteOptional("compensation", a.Compensation?.Countermeasure);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("conduits");
        foreach (var c in crs.Conduits)
        {
            json.WriteStartObject();
            json.WriteString("id", c.Id);
            json.WriteString("peer", c.From == z.Id ? c.To : c.From);
            json.WriteStrings("channels", c.Channels.Select(Channel));
            json.WriteOptional("slt", c.Slt?.ToString());
            json.WriteBoolean("remoteAccess", c.RemoteAccess);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("risks");
        foreach (var r in crs.Risks)
        {
            json.WriteStartObject();
            json.WriteString("id", r.Scenario.Id);
            json.WriteString("title", r.Scenario.Title);
            json.WriteString("threatSource", r.Scenario.ThreatSource);
            json.WriteString("inherent", crs.Bands[r.Inherent.Band]);
            json.WriteString("residual", crs.Bands[r.Residual.Band]);
            json.WriteBoolean("tolerable", r.ResidualTolerable || r.Accepted);
            json.WriteOptional("treatment", r.Scenario.Treatment?.Decision.ToWire());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (crs.Vulnerabilities is { } vulnerabilities)
        {
            Advisories.VulnerabilityJson.WriteInputs(json, "vulnerabilities", vulnerabilities);
        }
        else
        {
            json.WriteNull("vulnerabilities");
        }

        json.WriteStartArray("requirements");
        foreach (var r in crs.Requirements)
        {
            json.WriteStartObject();
            json.WriteString("id", r.Requirement.Id);
            json.WriteString("title", r.Requirement.Title);
            json.WriteNumber("fr", r.Fr);
            json.WriteString("status", r.Result?.Status.ToWire() ?? "no-result");
            json.WriteOptional("countermeasure", r.Result?.Countermeasure);
            json.WriteOptional("rationale", r.Result?.Rationale);
            json.WriteOptional("evidence", r.Result?.Evidence);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Html(CyberSecurityRequirements crs, DateTimeOffset generated)
    {
        var z = crs.Zone;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>CRS ").Append(HtmlEncode(z.Id)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:1000px;margin:24px auto;color:#212121}table{border-collapse:collapse;width:100%;margin:8px 0}")
            .Append("th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eceff1}.bad{color:#c62828}.ok{color:#2e7d32}")
            .Append("</style></head><body>");
        h.Append(CultureInfo.InvariantCulture, $"<h1>Cybersecurity requirements specification — zone {HtmlEncode(z.Name)}</h1>");
        h.Append(CultureInfo.InvariantCulture, $"<p>IEC 62443-3-2 ZCR 6 · site {HtmlEncode(crs.Site?.Name ?? z.Site)} · generated {generated.UtcDateTime:yyyy-MM-dd HH:mm} UTC by Castellan</p>");
        h.Append("<h2>Zone characteristics (ZCR 6.4)</h2><table>");
        Row(h, "Identifier", z.Id);
        Row(h, "Purdue level", z.Purdue.ToWire());
        Row(h, "Safety designation", z.Safety ? "safety zone (SIS)" : "not a safety zone");
        Row(h, "Criticality", z.Criticality ?? "—");
        Row(h, "Accountable organisation", z.Accountable ?? "—");
        Row(h, "Logical boundary (networks)", z.Networks.Count == 0 ? "—" : string.Join(", ", z.Networks.Select(n => n.Text)));
        Row(h, "Essential functions", z.EssentialFunctions.Count == 0 ? "—" : string.Join(", ", z.EssentialFunctions));
        Row(h, "SL-T (IAC UC SI DC RDF TRE RA)", $"{z.Slt?.ToString() ?? "not set"}{(z.SltBasis is { } b ? $" — {b.Method}: {b.Rationale}" : "")}");
        Row(h, "SL-A (computed)", crs.Levels.Sla.ToString());
        Row(h, "Gap", crs.Levels.Gap?.ToString() ?? "—");
        h.Append("</table>");
        h.Append(CultureInfo.InvariantCulture, $"<h2>Conduits ({crs.Conduits.Count})</h2><table><tr><th>Conduit</th><th>Peer</th><th>Channels</th><th>SL-T</th></tr>");
        foreach (var c in crs.Conduits)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(c.Id)}{(c.RemoteAccess ? " (remote access)" : "")}</td><td>{HtmlEncode(c.From == z.Id ? c.To : c.From)}</td><td>{HtmlEncode(string.Join(", ", c.Channels.Select(Channel)))}</td><td>{HtmlEncode(c.Slt?.ToString() ?? "—")}</td></tr>");
        }

        h.Append(CultureInfo.InvariantCulture, $"</table><h2>Assets ({crs.Assets.Count})</h2><table><tr><th>Asset</th><th>Type</th><th>Product</th><th>Firmware</th><th>SL-C</th><th>Compensation</th></tr>");
        foreach (var a in crs.Assets)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(a.Id)}</td><td>{HtmlEncode(a.Type.ToWire())}</td><td>{HtmlEncode(a.Describe())}</td><td>{HtmlEncode(a.Firmware ?? "")}</td><td>{HtmlEncode(a.Slc?.ToString() ?? "")}</td><td>{HtmlEncode(a.Compensation?.Countermeasure ?? "")}</td></tr>");
        }

        h.Append("</table>");
        if (crs.Risks.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<h2>Risk inputs (ZCR 5): {crs.Risks.Count} threat scenario(s)</h2><table><tr><th>Scenario</th><th>Threat source</th><th>Inherent</th><th>Residual</th><th>Treatment</th></tr>");
            foreach (var r in crs.Risks)
            {
                var css = r.ResidualTolerable || r.Accepted ? "ok" : "bad";
                h.Append(CultureInfo.InvariantCulture, $"<tr><td><b>{HtmlEncode(r.Scenario.Id)}</b> {HtmlEncode(r.Scenario.Title)}</td><td>{HtmlEncode(r.Scenario.ThreatSource)}</td><td>{HtmlEncode(crs.Bands[r.Inherent.Band])}</td><td class=\"{css}\">{HtmlEncode(crs.Bands[r.Residual.Band])}</td><td>{HtmlEncode(r.Scenario.Treatment?.Decision.ToWire() ?? "—")}</td></tr>");
            }

            h.Append("</table>");
        }

        if (crs.Vulnerabilities is { Count: > 0 } vulnerabilities)
        {
            h.Append(CultureInfo.InvariantCulture, $"<h2>Known vulnerabilities (ZCR 5.2): {vulnerabilities.Count} open (asset, advisory) item(s)</h2><table><tr><th>Asset</th><th>Advisory</th><th>CVEs</th><th>CVSS</th><th>Exposure</th><th>Patch state</th><th>Threat scenarios</th></tr>");
            foreach (var (item, scenarios) in vulnerabilities)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(item.Target.Asset.Id)}</td><td>{HtmlEncode(item.Advisory.TrackingId)}</td><td>{HtmlEncode(string.Join(", ", item.Cves))}</td><td>{item.MaxCvss:0.0}</td><td>{HtmlEncode(item.Target.Exposure.ToWire())}</td><td>{HtmlEncode(item.State.ToWire())}</td>");
                h.Append(scenarios.Count == 0 ? "<td class=\"bad\">none names it</td></tr>" : $"<td>{HtmlEncode(string.Join(", ", scenarios))}</td></tr>");
            }

            h.Append("</table>");
        }
        else if (crs.Vulnerabilities is not null)
        {
            h.Append("<h2>Known vulnerabilities (ZCR 5.2)</h2><p>No open vulnerability from the imported advisories.</p>");
        }

        h.Append("<h2>Security requirements (IEC 62443-3-3 at the zone's SL-T)</h2>");
        foreach (var fr in crs.Requirements.GroupBy(r => r.Fr))
        {
            h.Append(CultureInfo.InvariantCulture, $"<h3>FR {fr.Key} {SlVector.Abbreviations[fr.Key - 1]} — SL-T {z.Slt?[fr.Key]}, SL-A {crs.Levels.Sla[fr.Key]}</h3><table><tr><th>Requirement</th><th>Status</th><th>Countermeasure / evidence</th></tr>");
            foreach (var r in fr)
            {
                var status = r.Result?.Status.ToWire() ?? "no result";
                var css = r.Result?.Status.Satisfies() == true ? "ok" : "bad";
                h.Append(CultureInfo.InvariantCulture, $"<tr><td><b>{HtmlEncode(r.Requirement.Id)}</b> {HtmlEncode(r.Requirement.Title)}</td><td class=\"{css}\">{HtmlEncode(status)}</td><td>{HtmlEncode(string.Join(" — ", new[] { r.Result?.Countermeasure, r.Result?.Rationale, r.Result?.Evidence }.OfType<string>()))}</td></tr>");
            }

            h.Append("</table>");
        }

        return h.Append("</body></html>\n").ToString();
    }

    private static string Channel(Channel c) => $"{c.Protocol}{(c.Port is { } p ? $"/{p}" : "")} {c.Direction}";

    private static void Row(StringBuilder h, string name, string value) =>
        h.Append(CultureInfo.InvariantCulture, $"<tr><th>{HtmlEncode(name)}</th><td>{HtmlEncode(value)}</td></tr>");
}
