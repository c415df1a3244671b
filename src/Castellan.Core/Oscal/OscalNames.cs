namespace Castellan.Core.Oscal;

/// <summary>OSCAL constants and the data-type rules of the OSCAL 1.2 JSON schemas that Castellan checks itself.</summary>
public static class OscalNames
{
    /// <summary>The OSCAL version Castellan writes.</summary>
    public const string Version = "1.2.1";

    /// <summary>Namespace of Castellan's own props and parts.</summary>
    public const string Namespace = "https://castellan.dev/ns/oscal";

    // UUIDDatatype of the OSCAL schemas (version 4 or 5).
    public static bool IsUuid(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value,
            "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$");

    // TokenDatatype: ^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$
    public static bool IsToken(string value) =>
        value.Length > 0
        && (char.IsLetter(value[0]) || value[0] == '_')
        && value.All(c => char.IsLetter(c) || char.IsDigit(c) || c is '.' or '-' or '_');

    // StringDatatype: ^\S(.*\S)?$ — non-empty, no surrounding whitespace, one line.
    public static bool IsOneLineString(string value) =>
        value.Length > 0 && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]) && !value.Contains('\n') && !value.Contains('\r');

    /// <summary>Parses an OSCAL JSON document with its size and depth limits; a syntax error names the file and line.</summary>
    public static System.Text.Json.JsonDocument Parse(string file, ReadOnlyMemory<byte> utf8, long maxBytes)
    {
        if (utf8.Length > maxBytes)
        {
            throw Common.InputException.At(file, null, $"file is larger than {maxBytes / (1024 * 1024)} MB");
        }

        try
        {
            return System.Text.Json.JsonDocument.Parse(utf8, new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Common.InputException.At(file, (int?)(e.LineNumber + 1), $"not valid JSON: {e.Message}");
        }
    }

    /// <summary>Writes a Castellan prop (our namespace); the value is made one line, as OSCAL's StringDatatype requires.</summary>
    public static void WriteProp(System.Text.Json.Utf8JsonWriter json, string name, string? value, string? group = null)
    {
        if (value is null)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ns", Namespace);
        json.WriteString("value", IsOneLineString(value) ? value : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        if (group is not null)
        {
            json.WriteString("group", group);
        }

        json.WriteEndObject();
    }

    /// <summary>A name-based UUID (version 5 layout) so that exporting the same catalog twice gives the same uuid.</summary>
    public static string StableUuid(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("castellan:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
