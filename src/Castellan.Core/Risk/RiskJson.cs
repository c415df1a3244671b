using System.Globalization;
using System.Text.Json;
using Castellan.Core.Advisories;
using Castellan.Domain.Risk;
using Castellan.Domain.Zones;

namespace Castellan.Core.Risk;

/// <summary>
/// The register as JSON: <c>{"matrix", "risks": [{"id", "scope", "inherent", "residual", "tolerable", "treatment"}],
/// "derivations", "soaReasons", "plan", "vulnerabilities"}</c>. Bands are written by name; "tolerable" is the residual risk's comparison
/// with the tolerable line (ZCR 5.11). Stable order: register order.
/// </summary>
public static class RiskJson
{
    public static void Write(Stream stream, RiskReport report, Workspace workspace)
    {
        var m = report.Register.Matrix;
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("matrix");
        Strings(json, "likelihood", m.Likelihood);
        Strings(json, "impact", m.Impact);
        Strings(json, "bands", m.Bands);
        json.WriteString("tolerable", m.Tolerable);
        json.WriteEndObject();

        json.WriteStartArray("risks");
        foreach (var row in report.Rows)
        {
            var s = row.Scenario;
            json.WriteStartObject();
            json.WriteString("id", s.Id);
            json.WriteString("assessment", row.Assessment);
            json.WriteString("scope", s.Scope);
            json.WriteString("title", s.Title);
            json.WriteString("inherent", m.Bands[row.Inherent.Band]);
            Cell(json, "inherentCell", m, row.Inherent);
            json.WriteString("residual", m.Bands[row.Residual.Band]);
            Cell(json, "residualCell", m, row.Residual);
            json.WriteBoolean("tolerable", row.ResidualTolerable);
            json.WriteBoolean("accepted", row.Accepted);
            if (s.Treatment is { } t)
            {
                json.WriteString("treatment", t.Decision.ToWire());
                Strings(json, "controls", t.Controls);
                Optional(json, "owner", t.Owner);
                Optional(json, "due", t.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("treatment");
            }

            Strings(json, "attack", s.Techniques);
            json.WriteStartArray("consequences");
            foreach (var c in s.Consequences)
            {
                json.WriteStartObject();
                json.WriteString("category", c.Category.ToWire());
                json.WriteString("impact", c.Impact);
                Optional(json, "pha", c.Pha);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        var zones = workspace.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        json.WriteStartArray("derivations");
        foreach (var d in report.Derivations)
        {
            json.WriteStartObject();
            json.WriteString("zone", d.Zone);
            json.WriteString("method", d.Method.ToWire());
            json.WriteString("derived", d.Derived.ToString());
            Optional(json, "override", d.Override?.Slt.ToString());
            Optional(json, "recorded", zones.TryGetValue(d.Zone, out var z) ? z.Slt?.ToString() : null);
            json.WriteBoolean("consistent", z?.Slt is { } slt && slt == d.Expected);
            Strings(json, "steps", d.Steps);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("soaReasons");
        foreach (var reason in report.SoaReasons)
        {
            json.WriteStartObject();
            json.WriteString("control", reason.Control);
            json.WriteString("reason", SoaReason.Reason);
            Strings(json, "risks", reason.Risks);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        // The treatment plan (like an OSCAL POA&M): open mitigating actions with owner and due date.
        json.WriteStartArray("plan");
        foreach (var row in report.Rows.Where(r => r.Scenario.Treatment is { Decision: not TreatmentDecision.Accept }).OrderBy(r => r.Scenario.Treatment!.Due ?? DateOnly.MaxValue).ThenBy(r => r.Scenario.Id, StringComparer.Ordinal))
        {
            var t = row.Scenario.Treatment!;
            json.WriteStartObject();
            json.WriteString("risk", row.Scenario.Id);
            json.WriteString("decision", t.Decision.ToWire());
            Strings(json, "actions", row.Scenario.Additional);
            Strings(json, "controls", t.Controls);
            Optional(json, "owner", t.Owner);
            Optional(json, "due", t.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        // ZCR 5.2: the open vulnerabilities of each zone (null: no advisories were assessed).
        if (report.Advisories is { } advisories)
        {
            json.WriteStartObject("vulnerabilities");
            json.WriteNumber("advisories", advisories);
            json.WriteStartArray("zones");
            foreach (var zone in report.Vulnerabilities)
            {
                json.WriteStartObject();
                json.WriteString("zone", zone.Zone);
                VulnerabilityJson.WriteInputs(json, "inputs", zone.Inputs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("vulnerabilities");
        }

        json.WriteEndObject();
    }

    private static void Cell(Utf8JsonWriter json, string name, RiskMatrix m, RiskScore score)
    {
        json.WriteStartObject(name);
        json.WriteString("likelihood", m.Likelihood[score.Likelihood]);
        json.WriteString("impact", m.Impact[score.Impact]);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
