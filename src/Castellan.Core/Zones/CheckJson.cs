using System.Text.Json;
using Castellan.Core.Common;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones.Rules;
using Castellan.Domain.Zones;

namespace Castellan.Core.Zones;

/// <summary>
/// The JSON of `castellan check`: {"findings": [{rule, severity, clause, objects, message, fix}], "zones": [...], "summary"}.
/// The summary says how many advisories open vulnerabilities were matched against (null: not checked).
/// Findings use the same shape wherever Castellan reports them (check, discovery, vulnerabilities).
/// </summary>
public static class CheckJson
{
    /// <summary><paramref name="advisories"/>: how many advisories the open vulnerabilities were matched against (null: not checked).</summary>
    public static void Write(Stream output, Workspace workspace, CheckReport report, int? advisories = null)
    {
        using var json = new Utf8JsonWriter(output, JsonWriting.Indented);
        json.WriteStartObject();
        WriteFindings(json, report.Findings);
        json.WriteStartArray("zones");
        var zones = workspace.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        foreach (var levels in report.Zones)
        {
            var zone = zones[levels.Zone];
            json.WriteStartObject();
            json.WriteString("id", zone.Id);
            json.WriteString("name", zone.Name);
            json.WriteString("site", zone.Site);
            json.WriteString("purdue", zone.Purdue.ToWire());
            json.WriteBoolean("safety", zone.Safety);
            Vector(json, "slt", levels.Slt);
            Vector(json, "sla", levels.Sla);
            Vector(json, "gap", levels.Gap);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("errors", report.Findings.Count(f => f.Severity == Severity.Error));
        json.WriteNumber("warnings", report.Findings.Count(f => f.Severity == Severity.Warning));
        json.WriteNumber("zones", workspace.Zones.Count);
        json.WriteNumber("conduits", workspace.Conduits.Count);
        json.WriteNumber("assets", workspace.Assets.Count);
        if (advisories is { } count)
        {
            json.WriteNumber("advisories", count);
            json.WriteNumber("openVulnerabilities", report.Findings.Count(f => f.Rule == Domain.Advisories.VulnerabilityFindings.OpenRule));
        }
        else
        {
            json.WriteNull("advisories");
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteFindings(Utf8JsonWriter json, IReadOnlyList<Finding> findings)
    {
        json.WriteStartArray("findings");
        foreach (var f in findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", f.Rule);
            json.WriteString("severity", f.Severity.ToWire());
            json.WriteString("clause", f.Clause);
            json.WriteStrings("objects", f.Objects);
            json.WriteString("message", f.Message);
            json.WriteString("fix", f.Fix);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Vector(Utf8JsonWriter json, string name, SlVector? vector)
    {
        if (vector is not { } v)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (var level in v.Levels)
        {
            json.WriteNumberValue(level);
        }

        json.WriteEndArray();
    }
}
