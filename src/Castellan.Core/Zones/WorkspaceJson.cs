using System.Text.Json;
using System.Text.Json.Serialization;
using Castellan.Domain.Assets;
using Castellan.Domain.SecurityLevels;

namespace Castellan.Core.Zones;

/// <summary>
/// Canonical JSON of single workspace objects, as stored in the database (workspace_objects.Json): camelCase
/// properties, enums by name, SL vectors, addresses and networks in their text form.
/// </summary>
public static class WorkspaceJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("empty workspace object");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new TextConverter<SlVector>(v => v.ToString(), s => SlVector.TryParse(s, out var v, out var e) ? v : throw new JsonException(e)));
        options.Converters.Add(new TextConverter<IpAddress>(v => v.ToString(), s => IpAddress.TryParse(s, out var v) ? v : throw new JsonException($"'{s}' is not an IP address")));
        options.Converters.Add(new TextConverter<IpNetwork>(v => v.Text, s => IpNetwork.TryParse(s, out var v) ? v : throw new JsonException($"'{s}' is not a network")));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class TextConverter<T>(Func<T, string> write, Func<string, T> read) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            read(reader.GetString() ?? throw new JsonException($"expected a {typeof(T).Name} as text"));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(write(value));
    }
}
