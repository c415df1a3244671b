using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Castellan.Cli.Output;
using Castellan.Core.Advisories;
using Castellan.Domain.Advisories;

namespace Castellan.Cli.Advisories;

/// <summary>The vulnerability report as a table, CSV (one row per asset and vulnerability), JSON or a standalone HTML page.</summary>
internal static class VulnsOutput
{
    private static readonly string[] Headers = ["asset", "zone", "SL-T", "SL-A", "exposure", "cve", "cvss", "advisory", "confidence", "patch", "remediation", "product"];

    public static string Table(FindVulnerabilities.Outcome outcome)
    {
        var writer = new StringWriter();
        TableWriter.Write(writer, Headers, Rows(outcome).Select(r => (IReadOnlyList<string>)r[..Headers.Length]), maxLastColumn: 80);
        return writer.ToString();
    }

    public static string Csv(FindVulnerabilities.Outcome outcome)
    {
        var writer = new StringWriter();
        CsvWriter.Write(writer, [.. Headers, "reachability", "reason"], Rows(outcome));
        return writer.ToString();
    }

    private static IEnumerable<string[]> Rows(FindVulnerabilities.Outcome outcome) =>
        from asset in outcome.Assets
        from match in asset.Matches
        select new[]
        {
            asset.Asset.Id, asset.Zone?.Id ?? "-", asset.Levels?.Slt?.ToString() ?? "-", asset.Levels?.Sla.ToString() ?? "-", asset.Exposure.ToWire(),
            match.Vulnerability.Cve ?? "-", Score(match), match.Advisory.TrackingId, match.Confidence.ToWire(), Patch(outcome, match),
            string.Join(", ", Remediations(match).Select(r => r.Category.ToWire()).Distinct()), match.Product.Name,
            string.Join(" ", asset.Reachability.Select(c => c.Id)), match.Reason,
        };

    private static string Patch(FindVulnerabilities.Outcome outcome, AdvisoryMatch match) =>
        outcome.PatchStates.TryGetValue((match.Advisory.TrackingId, match.Asset.Id), out var step)
            ? step.State.ToWire() + (step.Due is { } due ? " " + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")
            : "open";

    private static string Score(AdvisoryMatch match) =>
        match.Vulnerability.ScoreFor(match.Product.ProductId) is { } s ? s.BaseScore.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static IEnumerable<Remediation> Remediations(AdvisoryMatch match) =>
        match.Vulnerability.Remediations.Where(r => r.ProductIds.Count == 0 || r.ProductIds.Contains(match.Product.ProductId));

    public static string Json(FindVulnerabilities.Outcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("advisories", outcome.Advisories);
            json.WriteNumber("dismissed", outcome.Dismissed);
            json.WriteStartArray("assets");
            foreach (var asset in outcome.Assets)
            {
                json.WriteStartObject();
                json.WriteString("asset", asset.Asset.Id);
                json.WriteString("name", asset.Asset.Name);
                json.WriteString("vendor", asset.Asset.Vendor);
                json.WriteString("model", asset.Asset.Model);
                json.WriteString("firmware", asset.Asset.Firmware);
                json.WriteString("zone", asset.Zone?.Id);
                json.WriteString("slt", asset.Levels?.Slt?.ToString());
                json.WriteString("sla", asset.Levels?.Sla.ToString());
                json.WriteString("exposure", asset.Exposure.ToWire());
                json.WriteNumber("consequence", asset.Consequence);
                json.WriteStartArray("reachability");
                foreach (var conduit in asset.Reachability)
                {
                    json.WriteStartObject();
                    json.WriteString("conduit", conduit.Id);
                    json.WriteString("from", conduit.From == asset.Zone?.Id ? conduit.To : conduit.From);
                    json.WriteBoolean("remoteAccess", conduit.RemoteAccess);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("vulnerabilities");
                foreach (var match in asset.Matches)
                {
                    var score = match.Vulnerability.ScoreFor(match.Product.ProductId);
                    json.WriteStartObject();
                    json.WriteString("cve", match.Vulnerability.Cve);
                    if (score is not null)
                    {
                        json.WriteNumber("cvss", score.BaseScore);
                        json.WriteString("vector", score.Vector);
                    }

                    json.WriteString("advisory", match.Advisory.TrackingId);
                    json.WriteString("advisoryVersion", match.Advisory.Version);
                    json.WriteString("title", match.Advisory.Title);
                    json.WriteString("productId", match.Product.ProductId);
                    json.WriteString("product", match.Product.Name);
                    json.WriteString("confidence", match.Confidence.ToWire());
                    json.WriteString("reason", match.Reason);
                    json.WriteBoolean("confirmed", outcome.Confirmed.Contains((match.Advisory.TrackingId, asset.Asset.Id)));
                    json.WriteStartObject("patch");
                    if (outcome.PatchStates.TryGetValue((match.Advisory.TrackingId, asset.Asset.Id), out var step))
                    {
                        json.WriteString("state", step.State.ToWire());
                        json.WriteString("since", step.At);
                        json.WriteString("due", step.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        json.WriteString("countermeasure", step.Countermeasure);
                        json.WriteString("by", step.By);
                    }
                    else
                    {
                        json.WriteString("state", "open");
                    }

                    json.WriteEndObject();
                    json.WriteStartArray("remediations");
                    foreach (var remediation in Remediations(match))
                    {
                        json.WriteStartObject();
                        json.WriteString("category", remediation.Category.ToWire());
                        json.WriteString("details", remediation.Details);
                        json.WriteString("url", remediation.Url);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string Html(FindVulnerabilities.Outcome outcome, DateTimeOffset generated)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vulnerable assets</title><style>")
            .Append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}")
            .Append(".external{color:#b00;font-weight:bold}.less-trusted-zone{color:#c60}</style></head><body>");
        h.Append(CultureInfo.InvariantCulture, $"<h1>Vulnerable assets — {E(outcome.Workspace.Organisation)}</h1><p>{outcome.Assets.Count} affected asset(s) from {outcome.Advisories} advisories; generated {generated.UtcDateTime:yyyy-MM-dd HH:mm} UTC by Castellan. Ordered by exposure, then consequence, then CVSS.</p>");
        foreach (var asset in outcome.Assets)
        {
            h.Append(CultureInfo.InvariantCulture, $"<h2>{E(asset.Asset.Id)} — {E(asset.Asset.Describe())} {E(asset.Asset.Firmware)}</h2>");
            h.Append(CultureInfo.InvariantCulture, $"<p>Zone {E(asset.Zone?.Id ?? "none")} · SL-T {E(asset.Levels?.Slt?.ToString() ?? "-")} · SL-A {E(asset.Levels?.Sla.ToString() ?? "-")} · exposure <span class=\"{asset.Exposure.ToWire()}\">{asset.Exposure.ToWire()}</span>");
            if (asset.Reachability.Count > 0)
            {
                h.Append(" via ").Append(E(string.Join(", ", asset.Reachability.Select(c => c.Id))));
            }

            h.Append(CultureInfo.InvariantCulture, $" · consequence {asset.Consequence}/4</p><table><tr><th>CVE</th><th>CVSS</th><th>advisory</th><th>confidence</th><th>remediations</th></tr>");
            foreach (var match in asset.Matches)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(match.Vulnerability.Cve)}</td><td>{Score(match)}</td><td>{E(match.Advisory.TrackingId)} {E(match.Advisory.Title)}</td><td>{match.Confidence.ToWire()}<br><small>{E(match.Reason)}</small><br>patch: {E(Patch(outcome, match))}</td><td>");
                foreach (var remediation in Remediations(match))
                {
                    h.Append(CultureInfo.InvariantCulture, $"<b>{remediation.Category.ToWire()}</b>: {E(remediation.Details)}<br>");
                }

                h.Append("</td></tr>");
            }

            h.Append("</table>");
        }

        return h.Append("</body></html>\n").ToString();
    }
}
