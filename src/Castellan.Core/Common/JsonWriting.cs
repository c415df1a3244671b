using System.Text.Json;

namespace Castellan.Core.Common;

/// <summary>How Castellan writes JSON for people and pipelines: indented, non-ASCII kept readable, optional fields left out.</summary>
public static class JsonWriting
{
    public static JsonWriterOptions Indented { get; } = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the property only when it has a value.</summary>
    public static void WriteOptional(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    public static void WriteStrings(this Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
