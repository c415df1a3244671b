using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Castellan.Core.Common;

/// <summary>
/// Strict reading of YAML files written by people: every key must be known, every value of the right shape, anchors
/// and aliases refused (no alias expansion attacks), and every error names the file, line and field.
/// </summary>
public static class YamlFile
{
    public const long MaxBytes = 32 * 1024 * 1024;

    public static YamlMap LoadMap(string file, string text, long maxBytes = MaxBytes)
    {
        if (text.Length > maxBytes)
        {
            throw InputException.At(file, null, $"file is larger than {maxBytes / (1024 * 1024)} MB");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw InputException.At(file, (int)e.Start.Line, $"not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count != 1)
        {
            throw InputException.At(file, null, $"expected one YAML document, found {stream.Documents.Count}");
        }

        var root = stream.Documents[0].RootNode;
        RefuseAnchors(file, root);
        return root is YamlMappingNode map
            ? new YamlMap(file, map)
            : throw InputException.At(file, Line(root), "expected a mapping (key: value) at the top level");
    }

    internal static int Line(YamlNode node) => (int)node.Start.Line;

    private static void RefuseAnchors(string file, YamlNode root)
    {
        var stack = new Stack<YamlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!node.Anchor.IsEmpty)
            {
                throw InputException.At(file, Line(node), "anchors and aliases (&, *) are not allowed");
            }

            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        stack.Push(key);
                        stack.Push(value);
                    }

                    break;
                case YamlSequenceNode sequence:
                    foreach (var item in sequence.Children)
                    {
                        stack.Push(item);
                    }

                    break;
            }
        }
    }
}

/// <summary>A YAML mapping read strictly; <see cref="Context"/> names the record in error messages (e.g. "id 'SR 1.1'").</summary>
public sealed class YamlMap(string file, YamlMappingNode node, string? context = null)
{
    public string File { get; } = file;

    public int Line => YamlFile.Line(node);

    public string? Context { get; } = context;

    public YamlMap WithContext(string context) => new(File, node, context);

    public InputException Error(string field, string message, YamlNode? at = null) =>
        InputException.At(File, YamlFile.Line(at ?? Find(field) ?? node), Context is null ? $"field '{field}': {message}" : $"{Context}, field '{field}': {message}");

    public void RequireOnlyKeys(params ReadOnlySpan<string> allowed)
    {
        var allowedSet = allowed.ToArray();
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowedSet.Contains(name))
            {
                throw InputException.At(File, YamlFile.Line(key),
                    (Context is null ? "" : Context + ": ") + $"unknown field '{name}' (allowed: {string.Join(", ", allowedSet)})");
            }
        }
    }

    public bool Has(string key) => Find(key) is not null;

    public bool IsList(string key) => Find(key) is YamlSequenceNode;

    public string? OptionalString(string key)
    {
        var value = Find(key);
        return value switch
        {
            null => null,
            YamlScalarNode scalar when scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "" => null,
            YamlScalarNode scalar => scalar.Value,
            _ => throw Error(key, "expected a single value"),
        };
    }

    public string RequiredString(string key)
    {
        var value = OptionalString(key);
        return string.IsNullOrWhiteSpace(value) ? throw Error(key, "is required") : value;
    }

    public int? OptionalInt(string key)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(key, $"'{text}' is not a whole number");
    }

    public bool? OptionalBool(string key) => OptionalString(key) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw Error(key, $"'{other}' is not true or false"),
    };

    public IReadOnlyList<string> StringList(string key)
    {
        return Find(key) switch
        {
            null => [],
            YamlScalarNode => throw Error(key, "expected a list, e.g. [a, b]"),
            YamlSequenceNode sequence => [.. sequence.Children.Select(item => item is YamlScalarNode s && s.Value is not null
                ? s.Value
                : throw Error(key, "expected a list of values", item))],
            _ => throw Error(key, "expected a list, e.g. [1, 2]"),
        };
    }

    public IReadOnlyList<YamlMap> MapList(string key, bool required)
    {
        return Find(key) switch
        {
            null when required => throw Error(key, "is required"),
            null => [],
            YamlSequenceNode sequence => [.. sequence.Children.Select(item => item is YamlMappingNode map
                ? new YamlMap(File, map)
                : throw Error(key, "each entry must be a mapping (key: value)", item))],
            _ => throw Error(key, "expected a list"),
        };
    }

    /// <summary>A nested mapping (key: {…}), or null when absent.</summary>
    public YamlMap? OptionalMap(string key) => Find(key) switch
    {
        null => null,
        YamlMappingNode map => new YamlMap(File, map, Context),
        var other => throw Error(key, "expected a mapping (key: value)", other),
    };

    /// <summary>A mapping of name → list of values (e.g. ISO/IEC 27002 attributes).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StringListMap(string key)
    {
        if (Find(key) is not { } value)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        if (value is not YamlMappingNode map)
        {
            throw Error(key, "expected a mapping of name: [values]");
        }

        var inner = new YamlMap(File, map, Context);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in map.Children.Keys)
        {
            var name = ((YamlScalarNode)entry).Value ?? "";
            result[name] = inner.StringList(name);
        }

        return result;
    }

    private YamlNode? Find(string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
