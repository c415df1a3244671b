using System.Text.Json;
using Castellan.Domain.Catalogs;

namespace Castellan.Core.Oscal;

/// <summary>
/// Writes a catalog as an OSCAL 1.2 catalog. Grouping nodes become groups, assessable nodes controls (nested under
/// their parent control); the original id travels in the standard "label" prop and Castellan's fields in props and
/// parts of the Castellan namespace, so that <see cref="OscalCatalogReader"/> gives back the same catalog.
/// </summary>
public static class OscalCatalogWriter
{
    public static void Write(Catalog catalog, Stream output, DateTimeOffset lastModified)
    {
        using var json = new Utf8JsonWriter(output, Common.JsonWriting.Indented);
        var ids = AssignOscalIds(catalog);
        var positions = catalog.Requirements.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var children = catalog.Requirements.ToLookup(r => r.ParentId);
        var header = catalog.Header;

        json.WriteStartObject();
        json.WriteStartObject("catalog");
        json.WriteString("uuid", OscalNames.StableUuid(header.Id.Value + "@" + header.Edition));
        json.WriteStartObject("metadata");
        json.WriteString("title", $"{header.Name}:{header.Edition} {header.Title}");
        json.WriteString("last-modified", lastModified.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        json.WriteString("version", header.Edition);
        json.WriteString("oscal-version", OscalNames.Version);
        json.WriteStartArray("props");
        OscalNames.WriteProp(json, "catalog-id", header.Id.Value);
        OscalNames.WriteProp(json, "standard", header.Name);
        OscalNames.WriteProp(json, "short-title", header.Title);
        OscalNames.WriteProp(json, "grading", header.Grading.ToWire());
        OscalNames.WriteProp(json, "publisher", header.Publisher);
        OscalNames.WriteProp(json, "copyright", header.Copyright);
        json.WriteEndArray();
        json.WriteEndObject();

        var roots = children[null].ToList();
        WriteNodes(json, roots.Where(IsGroup), "groups", children, ids, positions);
        WriteNodes(json, roots.Where(r => !IsGroup(r)), "controls", children, ids, positions);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // A group cannot sit inside a control in OSCAL, so only non-assessable nodes under groups (or at the top) are groups.
    private static bool IsGroup(Requirement requirement) => !requirement.Assessable;

    private static void WriteNodes(Utf8JsonWriter json, IEnumerable<Requirement> nodes, string property,
        ILookup<string?, Requirement> children, Dictionary<string, string> ids, Dictionary<string, int> positions)
    {
        var list = nodes.ToList();
        if (list.Count == 0)
        {
            return;
        }

        json.WriteStartArray(property);
        foreach (var node in list)
        {
            WriteNode(json, node, property == "groups", children, ids, positions);
        }

        json.WriteEndArray();
    }

    private static void WriteNode(Utf8JsonWriter json, Requirement node, bool asGroup,
        ILookup<string?, Requirement> children, Dictionary<string, string> ids, Dictionary<string, int> positions)
    {
        json.WriteStartObject();
        json.WriteString("id", ids[node.Id]);
        json.WriteString("title", node.Title);
        json.WriteStartArray("props");
        json.WriteStartObject();
        json.WriteString("name", "label");
        json.WriteString("value", node.Id);
        json.WriteEndObject();
        OscalNames.WriteProp(json, "kind", node.Kind.ToWire());
        // OSCAL keeps groups and controls in separate arrays; the position restores the catalog's own order on import.
        OscalNames.WriteProp(json, "position", positions[node.Id].ToString());
        OscalNames.WriteProp(json, "status", node.Status.ToWire());
        OscalNames.WriteProp(json, "source", node.Source);
        if (!asGroup && !node.Assessable)
        {
            OscalNames.WriteProp(json, "assessable", "false");
        }

        foreach (var level in node.Levels.Levels)
        {
            OscalNames.WriteProp(json, "required-at-level", level.ToString());
        }

        OscalNames.WriteProp(json, "component-type", node.ComponentType?.ToString());
        foreach (var role in node.Roles)
        {
            OscalNames.WriteProp(json, "role", role);
        }

        foreach (var (type, values) in node.Attributes)
        {
            foreach (var value in values)
            {
                OscalNames.WriteProp(json, "attribute", value, group: type);
            }
        }

        json.WriteEndArray();
        WriteParts(json, node);

        var kids = children[node.Id].ToList();
        // The OSCAL schema lets a group hold groups or controls, not both: mixed children are all written as controls.
        if (asGroup && kids.All(IsGroup))
        {
            WriteNodes(json, kids, "groups", children, ids, positions);
        }
        else
        {
            // Under a control (or a mixed group) everything is a control; non-assessable ones carry assessable=false.
            if (kids.Count > 0)
            {
                json.WriteStartArray("controls");
                foreach (var kid in kids)
                {
                    WriteNode(json, kid, asGroup: false, children, ids, positions);
                }

                json.WriteEndArray();
            }
        }

        json.WriteEndObject();
    }

    private static void WriteParts(Utf8JsonWriter json, Requirement node)
    {
        if (node.Text is null && node.Note is null)
        {
            return;
        }

        json.WriteStartArray("parts");
        if (node.Text is not null)
        {
            json.WriteStartObject();
            json.WriteString("name", "statement");
            json.WriteString("prose", node.Text);
            json.WriteEndObject();
        }

        if (node.Note is not null)
        {
            json.WriteStartObject();
            json.WriteString("name", "note");
            json.WriteString("ns", OscalNames.Namespace);
            json.WriteString("prose", node.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>OSCAL ids are tokens: "SR 1.1 RE 1" → "SR-1.1-RE-1", "4.1" → "_4.1"; made unique within the catalog.</summary>
    private static Dictionary<string, string> AssignOscalIds(Catalog catalog)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var requirement in catalog.Requirements)
        {
            var chars = requirement.Id.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : c == ' ' ? '-' : '_').ToArray();
            var token = new string(chars);
            if (!char.IsLetter(token[0]) && token[0] != '_')
            {
                token = "_" + token;
            }

            var unique = token;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{token}_{n}";
            }

            result[requirement.Id] = unique;
        }

        return result;
    }
}
