using System.Text;
using System.Text.Json;
using Castellan.Domain.Catalogs;

namespace Castellan.Core.Oscal;

/// <summary>
/// Reads any OSCAL 1.x catalog (JSON) into a <see cref="Catalog"/>. The document is checked against the structure of
/// the OSCAL catalog schema as it is read — unknown fields, missing required fields, malformed uuids and tokens are
/// refused with the JSON path of the problem — so that nothing is imported from a file a schema validator would reject.
/// Castellan's own props (written by <see cref="OscalCatalogWriter"/>) restore kinds, levels, status and sources.
/// </summary>
public static class OscalCatalogReader
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public static Catalog Read(string file, ReadOnlyMemory<byte> utf8, string? catalogId = null)
    {
        var document = OscalNames.Parse(file, utf8, MaxBytes);
        using (document)
        {
            var context = new ReadContext(file);
            var root = document.RootElement;
            context.RequireObject(root, "$");
            if (!root.TryGetProperty("catalog", out var catalog))
            {
                var model = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n != "$schema");
                throw context.Error("$", model is null
                    ? "no 'catalog' object: this is not an OSCAL catalog"
                    : $"found '{model}' where an OSCAL 'catalog' was expected" + (model == "profile" ? " (resolve the profile into a catalog first)" : ""));
            }

            OscalSchema.Check(context, root, "$", OscalSchema.Root);
            return context.BuildCatalog(catalog, catalogId);
        }
    }

    internal sealed class ReadContext(string file) : OscalSchema.Context(file)
    {
        private readonly List<(Requirement Requirement, int? Position)> _requirements = [];
        private readonly Dictionary<string, int> _labelCounts = new(StringComparer.Ordinal);

        public Catalog BuildCatalog(JsonElement catalog, string? catalogId)
        {
            var metadata = catalog.GetProperty("metadata");
            var props = Props(metadata);
            var oscalVersion = metadata.GetProperty("oscal-version").GetString()!;
            if (!oscalVersion.StartsWith("1.", StringComparison.Ordinal))
            {
                throw Error("$.catalog.metadata.oscal-version", $"OSCAL version '{oscalVersion}' is not supported (1.x is)");
            }

            var title = metadata.GetProperty("title").GetString()!;
            var id = catalogId ?? props.GetValueOrDefault("catalog-id") ?? CatalogId.FromTitle(title).Value;
            if (!CatalogId.IsValid(id))
            {
                throw Error("$.catalog.metadata.props", $"catalog id '{id}' is not valid (lower-case letters, digits and '-')");
            }

            var gradingText = props.GetValueOrDefault("grading") ?? "none";
            if (!GradingNames.TryParse(gradingText, out var grading))
            {
                throw Error("$.catalog.metadata.props", $"grading '{gradingText}' is not one of none, security-level, maturity-level");
            }

            var header = new CatalogHeader
            {
                Id = new CatalogId(id),
                Name = props.GetValueOrDefault("standard") ?? title,
                Title = props.GetValueOrDefault("short-title") ?? title,
                Edition = metadata.GetProperty("version").GetString()!,
                Publisher = props.GetValueOrDefault("publisher"),
                Grading = grading,
                Copyright = props.GetValueOrDefault("copyright"),
                Origin = CatalogOrigin.Imported,
            };

            CountLabels(catalog);
            Walk(catalog, "$.catalog", parent: null);
            try
            {
                // Castellan's exports carry each node's position; other catalogs keep document order.
                var ordered = _requirements.All(r => r.Position is not null)
                    ? _requirements.OrderBy(r => r.Position)
                    : _requirements.AsEnumerable();
                return Catalog.Create(header, [.. ordered.Select(r => r.Requirement)]);
            }
            catch (CatalogInvalidException e)
            {
                var p = e.Problems[0];
                throw Error("$.catalog", $"control '{p.RequirementId}', {p.Field}: {p.Message}");
            }
        }

        private void Walk(JsonElement container, string path, string? parent)
        {
            foreach (var (property, asGroup) in new[] { ("groups", true), ("controls", false) })
            {
                if (!container.TryGetProperty(property, out var list))
                {
                    continue;
                }

                var index = 0;
                foreach (var node in list.EnumerateArray())
                {
                    var nodePath = $"{path}.{property}[{index++}]";
                    var requirement = ReadNode(node, nodePath, parent, asGroup);
                    _requirements.Add((requirement, int.TryParse(Props(node).GetValueOrDefault("position"), out var position) ? position : null));
                    Walk(node, nodePath, requirement.Id);
                }
            }
        }

        private Requirement ReadNode(JsonElement node, string path, string? parent, bool asGroup)
        {
            var props = Props(node);
            var oscalId = node.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;
            var label = Label(node);
            var id = label is not null && _labelCounts[label] == 1 ? label : oscalId
                ?? throw Error(path, "a group without 'id' or 'label' prop cannot be imported");

            var kind = asGroup ? RequirementKind.Group : RequirementKind.Control;
            if (props.GetValueOrDefault("kind") is { } kindText && !RequirementKindNames.TryParse(kindText, out kind))
            {
                throw Error(path, $"prop kind '{kindText}' is not one of {RequirementKindNames.AllWireNames}");
            }

            var status = VerificationStatus.Verified;
            if (props.GetValueOrDefault("status") is { } statusText && !VerificationStatusNames.TryParse(statusText, out status))
            {
                throw Error(path, $"prop status '{statusText}' is not verified or unsure");
            }

            ComponentType? componentType = null;
            if (props.GetValueOrDefault("component-type") is { } typeText)
            {
                componentType = Enum.TryParse<ComponentType>(typeText, out var type) && Enum.IsDefined(type)
                    ? type
                    : throw Error(path, $"prop component-type '{typeText}' is not one of SAR, EDR, HDR, NDR");
            }

            return new Requirement
            {
                Id = id,
                Kind = kind,
                Title = node.GetProperty("title").GetString()!,
                ParentId = parent,
                Assessable = !asGroup && props.GetValueOrDefault("assessable") != "false",
                Levels = Levels(node, path),
                Status = status,
                Source = props.GetValueOrDefault("source"),
                Note = Part(node, "note", OscalNames.Namespace),
                ComponentType = componentType,
                Roles = [.. OwnProps(node).Where(p => p.Name == "role").Select(p => p.Value)],
                Attributes = OwnProps(node).Where(p => p.Name == "attribute" && p.Group is not null)
                    .GroupBy(p => p.Group!, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Value)], StringComparer.Ordinal),
                Text = Part(node, "statement", ns: null),
            };
        }

        private LevelSet Levels(JsonElement node, string path)
        {
            var levels = new List<int>();
            foreach (var prop in OwnProps(node).Where(p => p.Name == "required-at-level"))
            {
                levels.Add(int.TryParse(prop.Value, out var level) && LevelSet.IsValidLevel(level)
                    ? level
                    : throw Error(path, $"prop required-at-level '{prop.Value}' is not a level 1–4"));
            }

            return LevelSet.Of(levels);
        }

        private void CountLabels(JsonElement container)
        {
            foreach (var property in new[] { "groups", "controls" })
            {
                if (container.TryGetProperty(property, out var list))
                {
                    foreach (var node in list.EnumerateArray())
                    {
                        if (Label(node) is { } label)
                        {
                            _labelCounts[label] = _labelCounts.GetValueOrDefault(label) + 1;
                        }

                        CountLabels(node);
                    }
                }
            }
        }

        // OSCAL's "label" prop (no namespace) is the id people use ("AC-2(1)", "SR 1.1"); a classed label is an alternative form.
        private static string? Label(JsonElement node) =>
            AllProps(node).Where(p => p.Name == "label" && p.Ns is null).OrderBy(p => p.Class is null ? 0 : 1).Select(p => p.Value).FirstOrDefault();

        private static Dictionary<string, string> Props(JsonElement node)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var prop in OwnProps(node))
            {
                result.TryAdd(prop.Name, prop.Value);
            }

            return result;
        }

        private static IEnumerable<Prop> OwnProps(JsonElement node) => AllProps(node).Where(p => p.Ns == OscalNames.Namespace);

        private static IEnumerable<Prop> AllProps(JsonElement node)
        {
            if (!node.TryGetProperty("props", out var props))
            {
                yield break;
            }

            foreach (var prop in props.EnumerateArray())
            {
                yield return new Prop(
                    prop.GetProperty("name").GetString()!,
                    prop.GetProperty("value").GetString()!,
                    prop.TryGetProperty("ns", out var ns) ? ns.GetString() : null,
                    prop.TryGetProperty("class", out var cls) ? cls.GetString() : null,
                    prop.TryGetProperty("group", out var group) ? group.GetString() : null);
            }
        }

        /// <summary>The prose of a part and its sub-parts, flattened with their labels ("a. …").</summary>
        private static string? Part(JsonElement node, string name, string? ns)
        {
            if (!node.TryGetProperty("parts", out var parts))
            {
                return null;
            }

            foreach (var part in parts.EnumerateArray())
            {
                var partNs = part.TryGetProperty("ns", out var n) ? n.GetString() : null;
                if (part.GetProperty("name").GetString() == name && partNs == ns)
                {
                    var text = new StringBuilder();
                    AppendProse(part, text, top: true);
                    return text.Length == 0 ? null : text.ToString();
                }
            }

            return null;
        }

        private static void AppendProse(JsonElement part, StringBuilder text, bool top)
        {
            var label = top ? null : Label(part);
            if (part.TryGetProperty("prose", out var prose))
            {
                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                text.Append(label is null ? prose.GetString() : $"{label} {prose.GetString()}");
            }

            if (part.TryGetProperty("parts", out var subParts))
            {
                foreach (var sub in subParts.EnumerateArray())
                {
                    AppendProse(sub, text, top: false);
                }
            }
        }

        private sealed record Prop(string Name, string Value, string? Ns, string? Class, string? Group);
    }
}
