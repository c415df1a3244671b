using System.Text.Json;
using System.Text.RegularExpressions;
using Castellan.Core.Common;

namespace Castellan.Core.Oscal;

/// <summary>
/// The structure of the OSCAL 1.2 catalog model (oscal_catalog_schema.json) as a table: for each object the fields it
/// may have, which are required, and the data type of each. Checking against it refuses exactly what makes a
/// document unusable or ambiguous — unknown or missing fields, wrong JSON types, malformed uuids, tokens and dates —
/// and names the JSON path. Deep sub-structures Castellan does not read (addresses, citations) are checked for type only.
/// Enumerated values are not refused: a value outside the schema's list is reported as a warning (drafts of the
/// mapping model used other words), so that the reader can go on. The mapping-collection model is in OscalSchema.Mapping.cs.
/// </summary>
internal static partial class OscalSchema
{
    /// <summary>The file being checked: errors name it and the JSON path; warnings are collected.</summary>
    internal class Context(string file)
    {
        private readonly List<string> _warnings = [];

        public string File { get; } = file;

        public IReadOnlyList<string> Warnings => _warnings;

        public InputException Error(string path, string message) => InputException.At(File, null, $"{path}: {message}");

        public void Warn(string path, string message) => _warnings.Add($"{path}: {message}");

        public void RequireObject(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, $"expected an object, found {element.ValueKind.ToString().ToLowerInvariant()}");
            }
        }
    }

    internal abstract record Field;

    private sealed record Text(string Rule, Func<string, bool> IsValid) : Field;

    private sealed record Array(Func<Field> Item) : Field;

    private sealed record Object(Func<Shape> Shape) : Field;

    private sealed record AnyObject : Field;

    private sealed record AnyArray : Field;

    /// <summary>A JSON number (DecimalDatatype).</summary>
    private sealed record Number : Field;

    /// <summary>One item or a non-empty array of items (the schema's anyOf [item, array of item]).</summary>
    private sealed record OneOrMany(Func<Field> Item) : Field;

    /// <summary>
    /// A value of <paramref name="Base"/> from an enumerated list. A closed list (allOf in the schema) admits nothing
    /// else; an open one (anyOf with the base type) admits any value of the base type. Either way a value outside the
    /// list is a warning, not an error.
    /// </summary>
    private sealed record Choice(Field Base, string[] Allowed, bool Open) : Field;

    /// <summary>Exclusive: fields of which an object may hold at most one.</summary>
    internal sealed record Shape(string Name, string[] Required, Dictionary<string, Field> Fields)
    {
        public string[] Exclusive { get; init; } = [];
    }

    private static readonly Field Markup = new Text("a string", _ => true);
    private static readonly Field Line = new Text("a one-line string without surrounding spaces", OscalNames.IsOneLineString);
    private static readonly Field Token = new Text("a token (a letter or '_', then letters, digits, '.', '-', '_')", OscalNames.IsToken);
    private static readonly Field Uuid = new Text("a version 4 or 5 UUID", OscalNames.IsUuid);
    private static readonly Field UriText = new Text("a URI", v => System.Uri.TryCreate(v, UriKind.RelativeOrAbsolute, out _) && OscalNames.IsOneLineString(v));
    private static readonly Field DateTime = new Text("a date and time with time zone (e.g. 2024-01-31T12:00:00Z)", v => DateTimeRegex().IsMatch(v));

    private static Array ArrayOf(Func<Shape> shape) => new Array(() => new Object(shape));

    private static Shape Make(string name, string[] required, params (string Name, Field Field)[] fields) =>
        new(name, required, fields.ToDictionary(f => f.Name, f => f.Field, StringComparer.Ordinal));

    private static readonly Shape PropShape = Make("property", ["name", "value"],
        ("name", Token), ("uuid", Uuid), ("ns", UriText), ("value", Line), ("class", Token), ("group", Token), ("remarks", Markup));

    private static readonly Shape LinkShape = Make("link", ["href"],
        ("href", UriText), ("rel", Token), ("media-type", Line), ("resource-fragment", Line), ("text", Markup));

    private static readonly (string, Field) Props = ("props", ArrayOf(() => PropShape));
    private static readonly (string, Field) Links = ("links", ArrayOf(() => LinkShape));
    private static readonly (string, Field) Remarks = ("remarks", Markup);

    private static readonly Shape PartShape = Make("part", ["name"],
        ("id", Token), ("name", Token), ("ns", UriText), ("class", Token), ("title", Markup), Props, ("prose", Markup),
        ("parts", ArrayOf(() => PartShape!)), Links);

    private static readonly Shape ParamShape = Make("parameter", ["id"],
        ("id", Token), ("class", Token), Props, Links, ("label", Markup), ("usage", Markup), ("constraints", new AnyArray()),
        ("guidelines", new AnyArray()), ("values", new Array(() => Line)), ("select", new AnyObject()), Remarks);

    private static readonly Shape ControlShape = Make("control", ["id", "title"],
        ("id", Token), ("class", Token), ("title", Markup), ("params", ArrayOf(() => ParamShape)), Props, Links,
        ("parts", ArrayOf(() => PartShape)), ("controls", ArrayOf(() => ControlShape!)));

    private static readonly Shape GroupShape = Make("group", ["title"],
        ("id", Token), ("class", Token), ("title", Markup), ("params", ArrayOf(() => ParamShape)), Props, Links,
        ("parts", ArrayOf(() => PartShape)), ("groups", ArrayOf(() => GroupShape!)), ("controls", ArrayOf(() => ControlShape)))
        with { Exclusive = ["groups", "controls"] };

    private static readonly Shape RoleShape = Make("role", ["id", "title"],
        ("id", Token), ("title", Markup), ("short-name", Line), ("description", Markup), Props, Links, Remarks);

    private static readonly Shape PartyShape = Make("party", ["uuid", "type"],
        ("uuid", Uuid), ("type", Line), ("name", Line), ("short-name", Line), ("external-ids", new AnyArray()), Props, Links,
        ("email-addresses", new AnyArray()), ("telephone-numbers", new AnyArray()), ("addresses", new AnyArray()),
        ("location-uuids", new AnyArray()), ("member-of-organizations", new AnyArray()), Remarks);

    private static readonly Shape ResponsiblePartyShape = Make("responsible-party", ["role-id", "party-uuids"],
        ("role-id", Token), ("party-uuids", new Array(() => Uuid)), Props, Links, Remarks);

    private static readonly Shape RevisionShape = Make("revision", ["version"],
        ("title", Markup), ("published", DateTime), ("last-modified", DateTime), ("version", Line), ("oscal-version", Line), Props, Links, Remarks);

    private static readonly Shape DocumentIdShape = Make("document-id", ["identifier"], ("scheme", UriText), ("identifier", Line));

    private static readonly Shape LocationShape = Make("location", ["uuid"],
        ("uuid", Uuid), ("title", Markup), ("address", new AnyObject()), ("email-addresses", new AnyArray()),
        ("telephone-numbers", new AnyArray()), ("urls", new AnyArray()), Props, Links, Remarks);

    private static readonly Shape ActionShape = Make("action", ["uuid", "type", "system"],
        ("uuid", Uuid), ("date", DateTime), ("type", Token), ("system", UriText), Props, Links, ("responsible-parties", ArrayOf(() => ResponsiblePartyShape)), Remarks);

    private static readonly Shape MetadataShape = Make("metadata", ["title", "last-modified", "version", "oscal-version"],
        ("title", Markup), ("published", DateTime), ("last-modified", DateTime), ("version", Line), ("oscal-version", Line),
        ("revisions", ArrayOf(() => RevisionShape)), ("document-ids", ArrayOf(() => DocumentIdShape)), Props, Links,
        ("roles", ArrayOf(() => RoleShape)), ("locations", ArrayOf(() => LocationShape)), ("parties", ArrayOf(() => PartyShape)),
        ("responsible-parties", ArrayOf(() => ResponsiblePartyShape)), ("actions", ArrayOf(() => ActionShape)), Remarks);

    private static readonly Shape ResourceShape = Make("resource", ["uuid"],
        ("uuid", Uuid), ("title", Markup), ("description", Markup), Props, ("document-ids", ArrayOf(() => DocumentIdShape)),
        ("citation", new AnyObject()), ("rlinks", new AnyArray()), ("base64", new AnyObject()), Remarks);

    private static readonly Shape BackMatterShape = Make("back-matter", [], ("resources", ArrayOf(() => ResourceShape)));

    private static readonly Shape CatalogShape = Make("catalog", ["uuid", "metadata"],
        ("uuid", Uuid), ("metadata", new Object(() => MetadataShape)), ("params", ArrayOf(() => ParamShape)),
        ("controls", ArrayOf(() => ControlShape)), ("groups", ArrayOf(() => GroupShape)), ("back-matter", new Object(() => BackMatterShape)));

    internal static readonly Shape Root = Make("document", ["catalog"], ("$schema", UriText), ("catalog", new Object(() => CatalogShape)));

    public static void Check(Context context, JsonElement element, string path, Shape shape)
    {
        context.RequireObject(element, path);
        foreach (var required in shape.Required)
        {
            if (!element.TryGetProperty(required, out _))
            {
                throw context.Error(path, $"required field '{required}' of {shape.Name} is missing");
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!shape.Fields.TryGetValue(property.Name, out var field))
            {
                throw context.Error(path, $"unknown field '{property.Name}' in {shape.Name} (allowed: {string.Join(", ", shape.Fields.Keys)})");
            }

            CheckField(context, property.Value, $"{path}.{property.Name}", field);
        }

        var present = shape.Exclusive.Where(name => element.TryGetProperty(name, out _)).ToList();
        if (present.Count > 1)
        {
            throw context.Error(path, $"a {shape.Name} holds either '{present[0]}' or '{present[1]}', not both");
        }
    }

    private static void CheckField(Context context, JsonElement value, string path, Field field)
    {
        switch (field)
        {
            case Choice choice:
                CheckField(context, value, path, choice.Base);
                var chosen = value.GetString()!;
                if (!choice.Allowed.Contains(chosen, StringComparer.Ordinal))
                {
                    context.Warn(path, choice.Open
                        ? $"'{Shorten(chosen)}' is not one of the listed values {string.Join(", ", choice.Allowed)} in OSCAL {OscalNames.Version} (the list is open: kept)"
                        : $"'{Shorten(chosen)}' is not one of {string.Join(", ", choice.Allowed)} in OSCAL {OscalNames.Version} (written against a pre-release draft?)");
                }

                break;
            case Number when value.ValueKind != JsonValueKind.Number:
                throw context.Error(path, $"expected a number, found {Describe(value)}");
            case OneOrMany oneOrMany:
                CheckField(context, value, path, value.ValueKind == JsonValueKind.Object ? oneOrMany.Item() : new Array(oneOrMany.Item));
                break;
            case Text text:
                if (value.ValueKind != JsonValueKind.String)
                {
                    throw context.Error(path, $"expected {text.Rule}, found {Describe(value)}");
                }

                var s = value.GetString()!;
                if (!text.IsValid(s))
                {
                    throw context.Error(path, $"'{Shorten(s)}' is not {text.Rule}");
                }

                break;
            case Array array:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    throw context.Error(path, $"expected an array, found {Describe(value)}");
                }

                if (value.GetArrayLength() == 0)
                {
                    throw context.Error(path, "an OSCAL array must not be empty (leave the field out instead)");
                }

                var item = array.Item();
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    CheckField(context, element, $"{path}[{index++}]", item);
                }

                break;
            case Object obj:
                Check(context, value, path, obj.Shape());
                break;
            case AnyObject when value.ValueKind != JsonValueKind.Object:
                throw context.Error(path, $"expected an object, found {Describe(value)}");
            case AnyArray when value.ValueKind != JsonValueKind.Array:
                throw context.Error(path, $"expected an array, found {Describe(value)}");
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shorten(string value) => value.Length > 60 ? value[..57] + "..." : value;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimeRegex();
}
