using System.Text.Json;
using Castellan.Core.Common;
using Castellan.Domain.Catalogs;

namespace Castellan.Core.Catalogs;

/// <summary>
/// The stable JSON form of a catalog (CLI `catalog show --format json`, later the REST API): fixed property order,
/// requirements in document order, absent optional fields left out, no timestamps.
/// </summary>
public static class CatalogJson
{
    public static void Write(Stream output, Catalog catalog, IReadOnlyList<Requirement> requirements, int? level)
    {
        using var json = new Utf8JsonWriter(output, JsonWriting.Indented);
        var header = catalog.Header;
        json.WriteStartObject();
        json.WriteString("standard", header.Id.Value);
        json.WriteString("name", header.Name);
        json.WriteString("title", header.Title);
        json.WriteString("edition", header.Edition);
        json.WriteString("grading", header.Grading.ToWire());
        json.WriteString("origin", header.Origin == CatalogOrigin.Shipped ? "shipped" : "imported");
        if (level is not null)
        {
            json.WriteNumber("level", level.Value);
        }

        json.WriteStartArray("requirements");
        foreach (var r in requirements)
        {
            json.WriteStartObject();
            json.WriteString("id", r.Id);
            json.WriteString("title", r.Title);
            json.WriteString("kind", r.Kind.ToWire());
            if (r.ParentId is null)
            {
                json.WriteNull("parent");
            }
            else
            {
                json.WriteString("parent", r.ParentId);
            }

            json.WriteBoolean("assessable", r.Assessable);
            if (header.Grading == Grading.SecurityLevel)
            {
                json.WriteStartArray("securityLevels");
                foreach (var l in r.Levels.Levels)
                {
                    json.WriteNumberValue(l);
                }

                json.WriteEndArray();
            }

            json.WriteString("status", r.Status.ToWire());
            json.WriteOptional("source", r.Source);
            json.WriteOptional("note", r.Note);
            json.WriteOptional("componentType", r.ComponentType?.ToString());
            if (r.Roles.Count > 0)
            {
                json.WriteStrings("roles", r.Roles);
            }

            if (r.Attributes.Count > 0)
            {
                json.WriteStartObject("attributes");
                foreach (var (type, values) in r.Attributes)
                {
                    json.WriteStrings(type, values);
                }

                json.WriteEndObject();
            }

            json.WriteOptional("text", r.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
