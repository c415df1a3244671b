using System.Text.Json;
using Castellan.Core.Common;
using Castellan.Core.Oscal;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Mappings;

/// <summary>
/// Writes a mapping set as an OSCAL 1.2.1 mapping-collection with one mapping. Each row with a target is a map;
/// a no-relationship row without a target is an unmapped control of the source-gap-summary, an OT-specific
/// requirement one of the target-gap-summary. What OSCAL has no field for (our exact relationship, strength,
/// provenance, verification status, a gap row's place among the rows) travels in props of the Castellan namespace,
/// so that <see cref="OscalMappingReader"/> gives back the same mapping set.
/// </summary>
public static class OscalMappingWriter
{
    /// <summary>The resource href of a Castellan catalog, which the reader resolves without --source/--target.</summary>
    public const string CatalogHrefPrefix = "urn:castellan:catalog:";

    internal const string SourceGapGroup = "source-gap-";

    internal const string TargetGapGroup = "target-gap-";

    public static void Write(MappingSet set, Stream output, DateTimeOffset lastModified)
    {
        var header = set.Header;
        var rows = set.Mappings.Select((m, position) => (Mapping: m, Position: position)).ToList();
        var maps = rows.Where(r => r.Mapping.TargetId is not null).ToList();
        var sourceGaps = rows.Where(r => r.Mapping.TargetId is null).ToList();
        if (maps.Count == 0)
        {
            throw new InputException($"mapping set '{header.Id}' has no row with a target; an OSCAL mapping needs at least one map");
        }

        var unsure = set.Mappings.Any(m => m.Status == VerificationStatus.Unsure) || set.OtSpecific.Any(o => o.Status == VerificationStatus.Unsure);

        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("mapping-collection");
        json.WriteString("uuid", OscalNames.StableUuid(header.Id));
        json.WriteStartObject("metadata");
        json.WriteString("title", header.Title);
        json.WriteString("last-modified", lastModified.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        json.WriteString("version", "1");
        json.WriteString("oscal-version", OscalNames.Version);
        json.WriteEndObject();
        json.WriteStartObject("provenance");
        json.WriteString("method", "human");
        json.WriteString("matching-rationale", "semantic");
        json.WriteString("status", unsure ? "draft" : "complete");
        json.WriteString("mapping-description", header.Provenance);
        json.WriteEndObject();

        json.WriteStartArray("mappings");
        json.WriteStartObject();
        json.WriteString("uuid", OscalNames.StableUuid(header.Id + "#mapping"));
        WriteResource(json, "source-resource", header.Source);
        WriteResource(json, "target-resource", header.Target);
        json.WriteStartArray("maps");
        foreach (var (mapping, position) in maps)
        {
            WriteMap(json, header.Id, mapping, position);
        }

        json.WriteEndArray();
        WriteGapProps(json, sourceGaps, set.OtSpecific);
        WriteGapSummary(json, "source-gap-summary", header.Id, sourceGaps.Select(g => (g.Mapping.SourceId, g.Mapping.Rationale)));
        WriteGapSummary(json, "target-gap-summary", header.Id, set.OtSpecific.Select(o => (o.TargetId, (string?)o.Rationale)));
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// The OSCAL relationship token of ours (NIST IR 8477 set theory): refines is a subset (the target asks for more),
    /// supplements an intersection (the target adds what the source lacks); the exact word goes in a prop.
    /// </summary>
    public static string ToOscal(Relationship relationship) => relationship switch
    {
        Relationship.Equal => "equal-to",
        Relationship.SubsetOf => "subset-of",
        Relationship.SupersetOf => "superset-of",
        Relationship.Intersects => "intersects-with",
        Relationship.Refines => "subset-of",
        Relationship.Supplements => "intersects-with",
        Relationship.NoRelationship => "no-relationship",
    };

    private static void WriteResource(Utf8JsonWriter json, string property, CatalogId catalog)
    {
        json.WriteStartObject(property);
        json.WriteString("type", "catalog");
        json.WriteString("href", CatalogHrefPrefix + catalog.Value);
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string setId, Mapping mapping, int position)
    {
        json.WriteStartObject();
        json.WriteString("uuid", OscalNames.StableUuid($"{setId}#{position}"));
        json.WriteString("relationship", ToOscal(mapping.Relationship));
        WriteItem(json, "sources", mapping.SourceId);
        WriteItem(json, "targets", mapping.TargetId!);
        json.WriteStartArray("props");
        OscalNames.WriteProp(json, "relationship", mapping.Relationship.ToWire());
        OscalNames.WriteProp(json, "strength", mapping.Strength?.ToString());
        OscalNames.WriteProp(json, "provenance", mapping.Provenance);
        OscalNames.WriteProp(json, "status", mapping.Status.ToWire());
        json.WriteEndArray();
        if (mapping.Rationale is not null)
        {
            json.WriteString("remarks", mapping.Rationale);
        }

        json.WriteEndObject();
    }

    // id-ref is a StringDatatype: our requirement id as it is ("SR 1.1 RE 1").
    private static void WriteItem(Utf8JsonWriter json, string property, string id)
    {
        json.WriteStartArray(property);
        json.WriteStartObject();
        json.WriteString("type", "control");
        json.WriteString("id-ref", id);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    // A gap-summary entry has no props of its own: the mapping's props carry them, grouped by the entry's index.
    private static void WriteGapProps(Utf8JsonWriter json, List<(Mapping Mapping, int Position)> sourceGaps, IReadOnlyList<OtSpecificRequirement> otSpecific)
    {
        if (sourceGaps.Count == 0 && otSpecific.Count == 0)
        {
            return;
        }

        json.WriteStartArray("props");
        for (var i = 0; i < sourceGaps.Count; i++)
        {
            var (mapping, position) = sourceGaps[i];
            OscalNames.WriteProp(json, "position", position.ToString(), SourceGapGroup + i);
            OscalNames.WriteProp(json, "strength", mapping.Strength?.ToString(), SourceGapGroup + i);
            OscalNames.WriteProp(json, "provenance", mapping.Provenance, SourceGapGroup + i);
            OscalNames.WriteProp(json, "status", mapping.Status.ToWire(), SourceGapGroup + i);
        }

        for (var i = 0; i < otSpecific.Count; i++)
        {
            OscalNames.WriteProp(json, "provenance", otSpecific[i].Provenance, TargetGapGroup + i);
            OscalNames.WriteProp(json, "status", otSpecific[i].Status.ToWire(), TargetGapGroup + i);
        }

        json.WriteEndArray();
    }

    // select-control-by-id has no remarks, its "matching" entries do: the pattern is the id itself (no wildcards).
    private static void WriteGapSummary(Utf8JsonWriter json, string property, string setId, IEnumerable<(string Id, string? Rationale)> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        json.WriteStartObject(property);
        json.WriteString("uuid", OscalNames.StableUuid($"{setId}#{property}"));
        json.WriteStartArray("unmapped-controls");
        foreach (var (id, rationale) in list)
        {
            json.WriteStartObject();
            json.WriteStartArray("matching");
            json.WriteStartObject();
            json.WriteString("pattern", id);
            if (rationale is not null)
            {
                json.WriteString("remarks", rationale);
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
