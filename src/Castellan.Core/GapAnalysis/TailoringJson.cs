using System.Text.Json;
using Castellan.Domain.GapAnalysis;

namespace Castellan.Core.GapAnalysis;

/// <summary>
/// The tailoring notes as the database keeps them (one JSON document, written when the shipped catalogs are seeded), so
/// that `castellan gap` reads them with the catalogs instead of parsing catalogs/guidance/*.yaml in every process.
/// </summary>
public static class TailoringJson
{
    public static string Write(IReadOnlyList<TailoringNote> notes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var note in notes)
            {
                json.WriteStartObject();
                json.WriteString("id", note.Id);
                json.WriteString("concern", note.Concern);
                json.WriteString("text", note.Text);
                WriteStrings(json, "controls", note.Controls);
                json.WriteStartObject("targets");
                foreach (var (catalog, ids) in note.Targets)
                {
                    WriteStrings(json, catalog, ids);
                }

                json.WriteEndObject();
                if (note.Source is not null)
                {
                    json.WriteString("source", note.Source);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; the database is ours, so a broken document is an internal error.</summary>
    /// <remarks>
    /// A forward-only reader rather than a JsonDocument: every `castellan gap` reads the notes in a fresh process, where
    /// building the document's index (and compiling the framework's generic code it uses) cost more than the reading.
    /// Properties it does not know are skipped, as the document form ignored them.
    /// </remarks>
    public static IReadOnlyList<TailoringNote> Read(string text)
    {
        var json = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        var notes = new List<TailoringNote>();
        Expect(ref json, JsonTokenType.StartArray);
        while (Next(ref json) != JsonTokenType.EndArray)
        {
            notes.Add(ReadNote(ref json));
        }

        return notes;
    }

    private static TailoringNote ReadNote(ref Utf8JsonReader json)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            throw Broken(json, "a note object");
        }

        string? id = null, concern = null, text = null, source = null;
        IReadOnlyList<string>? controls = null;
        Dictionary<string, IReadOnlyList<string>>? targets = null;
        while (Next(ref json) == JsonTokenType.PropertyName)
        {
            var name = json.GetString();
            Next(ref json);
            switch (name)
            {
                case "id":
                    id = json.GetString();
                    break;
                case "concern":
                    concern = json.GetString();
                    break;
                case "text":
                    text = json.GetString();
                    break;
                case "source":
                    source = json.GetString();
                    break;
                case "controls":
                    controls = ReadStrings(ref json);
                    break;
                case "targets":
                    targets = ReadTargets(ref json);
                    break;
                default:
                    json.Skip();
                    break;
            }
        }

        if (json.TokenType != JsonTokenType.EndObject)
        {
            throw Broken(json, "a property");
        }

        return new TailoringNote
        {
            Id = id ?? throw Missing("id"),
            Concern = concern ?? throw Missing("concern"),
            Text = text ?? throw Missing("text"),
            Controls = controls ?? throw Missing("controls"),
            Targets = targets ?? throw Missing("targets"),
            Source = source,
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadTargets(ref Utf8JsonReader json)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            throw Broken(json, "an object of targets");
        }

        var targets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (Next(ref json) == JsonTokenType.PropertyName)
        {
            var catalog = json.GetString()!;
            Next(ref json);
            targets[catalog] = ReadStrings(ref json);
        }

        return json.TokenType == JsonTokenType.EndObject ? targets : throw Broken(json, "a catalog id");
    }

    private static string[] ReadStrings(ref Utf8JsonReader json)
    {
        if (json.TokenType != JsonTokenType.StartArray)
        {
            throw Broken(json, "an array of strings");
        }

        var values = new List<string>();
        while (Next(ref json) == JsonTokenType.String)
        {
            values.Add(json.GetString()!);
        }

        return json.TokenType == JsonTokenType.EndArray ? [.. values] : throw Broken(json, "a string");
    }

    private static void Expect(ref Utf8JsonReader json, JsonTokenType type)
    {
        if (Next(ref json) != type)
        {
            throw Broken(json, type.ToString());
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader json) =>
        json.Read() ? json.TokenType : throw new InvalidOperationException("database: the tailoring notes end early; run `castellan db migrate`");

    private static InvalidOperationException Broken(Utf8JsonReader json, string expected) =>
        new($"database: the tailoring notes have {json.TokenType} at byte {json.TokenStartIndex} where {expected} belongs; run `castellan db migrate`");

    private static InvalidOperationException Missing(string property) =>
        new($"database: a tailoring note has no '{property}'; run `castellan db migrate`");

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
