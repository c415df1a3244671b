using System.Text.Json;
using Castellan.Core.Common;
using Castellan.Domain.Catalogs;
using Castellan.Domain.GapAnalysis;
using Castellan.Domain.Mappings;

namespace Castellan.Core.GapAnalysis;

/// <summary>
/// The stable JSON form of a gap report: fixed property order, results in catalog order, evidence ordered by control,
/// no timestamps — the same inputs give the same bytes. Several reports are wrapped in {"analyses": [...]}.
/// </summary>
public static class GapJson
{
    public static void Write(Stream output, IReadOnlyList<GapReport> reports)
    {
        using var json = new Utf8JsonWriter(output, JsonWriting.Indented);
        Write(json, reports);
    }

    /// <summary>The same bytes as <see cref="Write(Stream, IReadOnlyList{GapReport})"/>, written into the buffer directly.</summary>
    public static void Write(System.Buffers.IBufferWriter<byte> output, IReadOnlyList<GapReport> reports)
    {
        using var json = new Utf8JsonWriter(output, JsonWriting.Indented);
        Write(json, reports);
    }

    private static void Write(Utf8JsonWriter json, IReadOnlyList<GapReport> reports)
    {
        if (reports.Count == 1)
        {
            WriteReport(json, reports[0]);
            return;
        }

        json.WriteStartObject();
        json.WriteStartArray("analyses");
        foreach (var report in reports)
        {
            WriteReport(json, report);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteReport(Utf8JsonWriter json, GapReport report)
    {
        json.WriteStartObject();
        json.WriteString("target", report.Target.ToString());
        json.WriteString("standard", $"{report.Catalog.Header.Name}:{report.Catalog.Header.Edition}");
        json.WriteStartArray("results");
        foreach (var result in report.Results)
        {
            WriteResult(json, result);
        }

        json.WriteEndArray();
        json.WriteStartObject("summary");
        WriteArea(json, "total", report.Total);
        json.WriteStartArray("areas");
        foreach (var area in report.Summary)
        {
            json.WriteStartObject();
            json.WriteString("id", area.Area);
            json.WriteString("title", area.Title);
            WriteCounts(json, area);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("actions");
        foreach (var action in report.Actions)
        {
            json.WriteStartObject();
            json.WriteNumber("rank", action.Rank);
            json.WriteString("id", action.RequirementId);
            json.WriteString("title", action.Title);
            json.WriteString("status", action.Status.ToWire());
            if (action.Level is { } level)
            {
                json.WriteNumber("level", level);
            }

            json.WriteString("action", action.Action);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, GapResult result)
    {
        var r = result.Requirement;
        json.WriteStartObject();
        json.WriteString("id", r.Id);
        json.WriteString("title", r.Title);
        json.WriteString("kind", r.Kind.ToWire());
        json.WriteString("area", result.Area);
        if (r.Levels.First is { } first)
        {
            json.WriteNumber("requiredFrom", first);
        }

        json.WriteString("status", result.Status.ToWire());
        json.WriteString("explanation", result.Explanation);
        json.WriteStartArray("evidence");
        foreach (var e in result.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("control", e.ControlId);
            json.WriteString("title", e.ControlTitle);
            json.WriteString("soa", e.SoaState);
            json.WriteString("relationship", e.Relationship.ToWire());
            json.WriteString("contribution", ContributionWire(e.Contribution));
            if (e.Strength is { } strength)
            {
                json.WriteNumber("strength", strength);
            }

            json.WriteString("provenance", e.Provenance);
            json.WriteString("mappingStatus", e.MappingStatus.ToWire());
            json.WriteOptional("rationale", e.Rationale);

            if (e.ViaParent)
            {
                json.WriteBoolean("viaParent", true);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (var note in result.Notes)
        {
            json.WriteStartObject();
            json.WriteString("id", note.Id);
            json.WriteString("concern", note.Concern);
            json.WriteString("text", note.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>"none", "partial" or "full" (a switch: Enum.ToString reads the enum's metadata by reflection on first use).</summary>
    private static string ContributionWire(Contribution contribution) => contribution switch
    {
        Contribution.None => "none",
        Contribution.Partial => "partial",
        Contribution.Full => "full",
    };

    private static void WriteArea(Utf8JsonWriter json, string name, AreaSummary area)
    {
        json.WriteStartObject(name);
        WriteCounts(json, area);
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, AreaSummary area)
    {
        json.WriteNumber("requirements", area.Total);
        json.WriteNumber("covered", area.Covered);
        json.WriteNumber("partiallyCovered", area.Partial);
        json.WriteNumber("notCovered", area.NotCovered);
        json.WriteNumber("otSpecific", area.OtSpecific);
        json.WriteNumber("notApplicable", area.NotApplicable);
        json.WriteNumber("coveragePercent", area.CoveragePercent);
    }
}
