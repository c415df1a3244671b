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
    public static IReadOnlyList<TailoringNote> Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var notes = new List<TailoringNote>();
        foreach (var note in document.RootElement.EnumerateArray())
        {
            var targets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var target in note.GetProperty("targets").EnumerateObject())
            {
                targets[target.Name] = Strings(target.Value);
            }

            notes.Add(new TailoringNote
            {
                Id = note.GetProperty("id").GetString()!,
                Concern = note.GetProperty("concern").GetString()!,
                Text = note.GetProperty("text").GetString()!,
                Controls = Strings(note.GetProperty("controls")),
                Targets = targets,
                Source = note.TryGetProperty("source", out var source) ? source.GetString() : null,
            });
        }

        return notes;
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string[] Strings(JsonElement array)
    {
        var values = new string[array.GetArrayLength()];
        var i = 0;
        foreach (var value in array.EnumerateArray())
        {
            values[i++] = value.GetString()!;
        }

        return values;
    }
}
