using System.Text.Json;
using System.Text.RegularExpressions;
using Castellan.Core.Common;
using Castellan.Core.Oscal;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Mappings;

/// <summary>A mapping set read from a file, with what the reader had to reinterpret or leave out.</summary>
public sealed record MappingImport(MappingSet Set, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads an OSCAL 1.2 mapping-collection (JSON) into a <see cref="MappingSet"/>. The document is checked against the
/// structure of the mapping schema first: unknown or missing fields, wrong JSON types and malformed uuids are refused
/// with the JSON path. Enumerated values outside the 1.2.1 lists and other OSCAL versions are warnings: drafts of the
/// model used other words, and what they say can still be read. Every id-ref must name a requirement of its catalog.
/// </summary>
public static class OscalMappingReader
{
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The OSCAL relationship tokens Castellan understands (NIST IR 8477 set theory relationships).</summary>
    private static readonly Dictionary<string, Relationship> Tokens = new(StringComparer.Ordinal)
    {
        ["equal-to"] = Relationship.Equal,
        ["equivalent-to"] = Relationship.Equal,
        ["subset-of"] = Relationship.SubsetOf,
        ["superset-of"] = Relationship.SupersetOf,
        ["intersects-with"] = Relationship.Intersects,
        ["no-relationship"] = Relationship.NoRelationship,
    };

    /// <summary>
    /// <paramref name="source"/> and <paramref name="target"/> are the catalogs the user names; when null, the resource
    /// hrefs must name them in Castellan's form. <paramref name="catalogs"/> finds a catalog by id (null: unknown).
    /// <paramref name="setId"/> defaults to "&lt;source&gt;-to-&lt;target&gt;".
    /// </summary>
    public static MappingImport Read(string file, ReadOnlyMemory<byte> utf8, Func<CatalogId, Catalog?> catalogs, CatalogId? source, CatalogId? target, string? setId)
    {
        var document = OscalNames.Parse(file, utf8, MaxBytes);
        using (document)
        {
            var context = new OscalSchema.Context(file);
            var root = document.RootElement;
            context.RequireObject(root, "$");
            if (!root.TryGetProperty("mapping-collection", out var collection))
            {
                var model = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n != "$schema");
                throw context.Error("$", model is null
                    ? "no 'mapping-collection' object: this is not an OSCAL mapping"
                    : $"found '{model}' where an OSCAL 'mapping-collection' was expected");
            }

            OscalSchema.Check(context, root, "$", OscalSchema.MappingModel.Root);
            var set = new CollectionReader(context, catalogs).Read(collection, source, target, setId);
            return new MappingImport(set, context.Warnings);
        }
    }

    /// <summary>
    /// The catalogs that the document's resource hrefs name in Castellan's form (urn:castellan:catalog:&lt;id&gt;), so
    /// that a caller can load them before <see cref="Read"/>. Lenient: a malformed document gives what it can; Read reports the problem.
    /// </summary>
    public static IReadOnlyList<CatalogId> ReferencedCatalogs(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("mapping-collection", out var collection)
                || collection.ValueKind != JsonValueKind.Object || !collection.TryGetProperty("mappings", out var mappings))
            {
                return [];
            }

            var list = mappings.ValueKind == JsonValueKind.Array ? [.. mappings.EnumerateArray()] : new List<JsonElement> { mappings };
            var ids = new List<CatalogId>();
            foreach (var mapping in list.Where(m => m.ValueKind == JsonValueKind.Object))
            {
                foreach (var property in new[] { "source-resource", "target-resource" })
                {
                    if (mapping.TryGetProperty(property, out var resource) && resource.ValueKind == JsonValueKind.Object
                        && resource.TryGetProperty("href", out var href) && href.ValueKind == JsonValueKind.String
                        && CatalogFromHref(href.GetString()!) is { } id && !ids.Contains(id))
                    {
                        ids.Add(id);
                    }
                }
            }

            return ids;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    internal static CatalogId? CatalogFromHref(string href) =>
        href.StartsWith(OscalMappingWriter.CatalogHrefPrefix, StringComparison.Ordinal)
        && CatalogId.IsValid(href[OscalMappingWriter.CatalogHrefPrefix.Length..])
            ? new CatalogId(href[OscalMappingWriter.CatalogHrefPrefix.Length..])
            : null;

    internal static string TokenList => string.Join(", ", Tokens.Keys);

    /// <summary>
    /// Our OSCAL-id form of a requirement id, for matching id-refs written by other tools: lower-case, "AC-2(1)" ↔
    /// "ac-2.1", spaces ↔ '-', and without the '_' that makes "4.1" a token.
    /// </summary>
    internal static string OscalForm(string id)
    {
        var form = id.ToLowerInvariant().Replace('(', '.').Replace(")", "", StringComparison.Ordinal).Replace(' ', '-');
        return form.Length > 1 && form[0] == '_' && char.IsDigit(form[1]) ? form[1..] : form;
    }

    /// <summary>Finds a requirement by an id-ref: exactly, else ignoring case, else by <see cref="OscalForm"/>.</summary>
    internal sealed class RequirementIndex
    {
        private readonly Dictionary<string, string?> _ignoringCase = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string?> _byOscalForm = new(StringComparer.Ordinal);

        public RequirementIndex(Catalog catalog)
        {
            Catalog = catalog;
            foreach (var requirement in catalog.Requirements)
            {
                // An id that two requirements share in a weaker form is found only exactly.
                Add(_ignoringCase, requirement.Id, requirement.Id);
                Add(_byOscalForm, OscalForm(requirement.Id), requirement.Id);
            }
        }

        public Catalog Catalog { get; }

        public string? Find(string idRef) =>
            Catalog.Find(idRef)?.Id ?? _ignoringCase.GetValueOrDefault(idRef) ?? _byOscalForm.GetValueOrDefault(OscalForm(idRef));

        /// <summary>The requirements whose id, or its OSCAL form, matches a glob pattern ('*', '?'), ignoring case.</summary>
        public IEnumerable<string> Matching(string pattern)
        {
            var regex = new Regex("^" + string.Concat(pattern.Select(c => c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            })) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return Catalog.Requirements.Where(r => regex.IsMatch(r.Id) || regex.IsMatch(OscalForm(r.Id))).Select(r => r.Id);
        }

        public IEnumerable<string> Descendants(string id)
        {
            var found = new HashSet<string>(StringComparer.Ordinal) { id };
            foreach (var requirement in Catalog.Requirements.Where(r => r.ParentId is not null && found.Contains(r.ParentId)))
            {
                found.Add(requirement.Id);
                yield return requirement.Id;
            }
        }

        private static void Add(Dictionary<string, string?> index, string key, string id)
        {
            if (!index.TryAdd(key, id))
            {
                index[key] = null;
            }
        }
    }

    /// <summary>One document's mapping-collection, already checked against the schema's structure.</summary>
    private sealed class CollectionReader(OscalSchema.Context context, Func<CatalogId, Catalog?> catalogs)
    {
        private const string OscalNamespace = "http://csrc.nist.gov/ns/oscal";

        private readonly List<Mapping> _mapped = [];
        private readonly List<(Mapping Mapping, int? Position)> _unmapped = [];
        private readonly List<OtSpecificRequirement> _otSpecific = [];
        private readonly HashSet<(string, string?)> _pairs = [];
        private string _description = "";

        public MappingSet Read(JsonElement collection, CatalogId? source, CatalogId? target, string? setId)
        {
            var metadata = collection.GetProperty("metadata");
            var version = metadata.GetProperty("oscal-version").GetString()!;
            if (!version.StartsWith("1.2.", StringComparison.Ordinal))
            {
                context.Warn("$.mapping-collection.metadata.oscal-version",
                    $"'{version}' is not 1.2.x; read as OSCAL {OscalNames.Version} (written against a pre-release draft?)");
            }

            var provenance = collection.GetProperty("provenance");
            _description = provenance.GetProperty("mapping-description").GetString()!;
            var collectionStatus = StatusOf(provenance);

            (RequirementIndex Source, RequirementIndex Target, string Path)? pair = null;
            foreach (var (mapping, path) in Mappings(collection.GetProperty("mappings")))
            {
                var sourceId = source ?? FromHref(mapping, path, "source-resource", "source", "--source");
                var targetId = target ?? FromHref(mapping, path, "target-resource", "target", "--target");
                pair ??= (Index(sourceId), Index(targetId), path);
                if (pair.Value.Source.Catalog.Id != sourceId || pair.Value.Target.Catalog.Id != targetId)
                {
                    throw context.Error(path, $"maps {sourceId} → {targetId}, but {pair.Value.Path} maps {pair.Value.Source.Catalog.Id} → " +
                        $"{pair.Value.Target.Catalog.Id}: a Castellan mapping set joins one pair of catalogs");
                }

                var status = mapping.TryGetProperty("status", out _) ? StatusOf(mapping) : collectionStatus;
                ReadMaps(mapping, path, pair.Value.Source, pair.Value.Target, status);
                ReadGaps(mapping, path, pair.Value.Source, pair.Value.Target, status);
            }

            var (sourceIndex, targetIndex, _) = pair!.Value;
            var header = new MappingSetHeader
            {
                Id = setId ?? $"{sourceIndex.Catalog.Id}-to-{targetIndex.Catalog.Id}",
                Source = sourceIndex.Catalog.Id,
                Target = targetIndex.Catalog.Id,
                Title = metadata.GetProperty("title").GetString()!,
                Provenance = _description,
            };
            try
            {
                return MappingSet.Create(header, Ordered(), sourceIndex.Catalog, targetIndex.Catalog, _otSpecific);
            }
            catch (MappingSetInvalidException e)
            {
                var first = e.Problems[0];
                var more = e.Problems.Count > 1 ? $" (and {e.Problems.Count - 1} more)" : "";
                throw context.Error("$.mapping-collection", $"'{first.RequirementId}', {first.Field}: {first.Message}{more}");
            }
        }

        private static IEnumerable<(JsonElement Mapping, string Path)> Mappings(JsonElement mappings) =>
            mappings.ValueKind == JsonValueKind.Object
                ? [(mappings, "$.mapping-collection.mappings")]
                : mappings.EnumerateArray().Select((m, i) => (m, $"$.mapping-collection.mappings[{i}]"));

        private RequirementIndex Index(CatalogId id) =>
            new(catalogs(id) ?? throw new UsageException($"{context.File}: unknown catalog '{id}'"));

        private CatalogId FromHref(JsonElement mapping, string path, string property, string role, string option)
        {
            var href = mapping.GetProperty(property).GetProperty("href").GetString()!;
            return CatalogFromHref(href) ?? throw new UsageException(
                $"{context.File}: {path}.{property}.href '{href}' does not name a Castellan catalog; give the {role} catalog with {option}");
        }

        // A mapping that its authors call complete is taken as verified; anything else must be reviewed.
        private static VerificationStatus StatusOf(JsonElement element) =>
            element.GetProperty("status").GetString() == "complete" ? VerificationStatus.Verified : VerificationStatus.Unsure;

        private void ReadMaps(JsonElement mapping, string path, RequirementIndex source, RequirementIndex target, VerificationStatus status)
        {
            var index = 0;
            foreach (var map in mapping.GetProperty("maps").EnumerateArray())
            {
                var mapPath = $"{path}.maps[{index++}]";
                var token = map.GetProperty("relationship").GetString()!;
                if (!Tokens.TryGetValue(token, out var relationship))
                {
                    context.Warn($"{mapPath}.relationship", $"'{token}' is not one of {TokenList}; the map is skipped");
                    continue;
                }

                if (map.TryGetProperty("ns", out var ns) && ns.GetString() != OscalNamespace)
                {
                    context.Warn($"{mapPath}.ns", $"relationship '{token}' is qualified by '{ns.GetString()}'; read with its OSCAL meaning");
                }

                var props = Props(map, mapPath, group: null);
                if (props.Get("relationship") is { } exactText)
                {
                    if (RelationshipNames.TryParse(exactText, out var exact) && OscalMappingWriter.ToOscal(exact) == OscalMappingWriter.ToOscal(relationship))
                    {
                        relationship = exact;
                    }
                    else
                    {
                        context.Warn($"{mapPath}.props", $"Castellan relationship '{exactText}' does not fit '{token}'; read as '{relationship.ToWire()}'");
                    }
                }

                var sources = Items(map, mapPath, "sources", source);
                var targets = Items(map, mapPath, "targets", target);
                foreach (var (sourceId, targetId) in sources.SelectMany(s => targets.Select(t => (s, t))))
                {
                    if (!_pairs.Add((sourceId, targetId)))
                    {
                        context.Warn(mapPath, $"{sourceId} → {targetId} is already mapped; the first mapping is kept");
                        continue;
                    }

                    _mapped.Add(new Mapping
                    {
                        SourceId = sourceId,
                        TargetId = targetId,
                        Relationship = relationship,
                        Strength = props.Strength(),
                        Rationale = map.TryGetProperty("remarks", out var remarks) ? remarks.GetString() : null,
                        Provenance = props.Get("provenance") ?? _description,
                        Status = props.Status() ?? status,
                    });
                }
            }
        }

        private List<string> Items(JsonElement map, string mapPath, string property, RequirementIndex index)
        {
            var ids = new List<string>();
            var i = 0;
            foreach (var item in map.GetProperty(property).EnumerateArray())
            {
                var itemPath = $"{mapPath}.{property}[{i++}]";
                var idRef = item.GetProperty("id-ref").GetString()!;
                var id = index.Find(idRef);
                // A statement is part of a control (NIST: "ac-2_smt.a"); Castellan maps whole requirements.
                var statement = idRef.IndexOf("_smt", StringComparison.Ordinal);
                if (id is null && item.GetProperty("type").GetString() == "statement" && statement > 0 && index.Find(idRef[..statement]) is { } control)
                {
                    context.Warn(itemPath, $"statement '{idRef}' is mapped as its whole requirement '{control}'");
                    id = control;
                }

                if (id is null)
                {
                    throw context.Error($"{itemPath}.id-ref", $"'{idRef}' is not a requirement of catalog '{index.Catalog.Id}'");
                }

                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }

            return ids;
        }

        private void ReadGaps(JsonElement mapping, string path, RequirementIndex source, RequirementIndex target, VerificationStatus status)
        {
            if (mapping.TryGetProperty("source-gap-summary", out var sourceGaps))
            {
                foreach (var (entry, id, rationale, selected) in Unmapped(sourceGaps, $"{path}.source-gap-summary", source))
                {
                    // A wildcard or child selection names what is unmapped in general: skip what the maps do map.
                    if (selected && _pairs.Any(p => p.Item1 == id))
                    {
                        continue;
                    }

                    if (!_pairs.Add((id, null)))
                    {
                        context.Warn($"{path}.source-gap-summary", $"'{id}' is listed twice; the first is kept");
                        continue;
                    }

                    var props = Props(mapping, path, OscalMappingWriter.SourceGapGroup + entry);
                    _unmapped.Add((new Mapping
                    {
                        SourceId = id,
                        Relationship = Relationship.NoRelationship,
                        Strength = props.Strength(),
                        Rationale = rationale,
                        Provenance = props.Get("provenance") ?? _description,
                        Status = props.Status() ?? status,
                    }, props.Position()));
                }
            }

            if (mapping.TryGetProperty("target-gap-summary", out var targetGaps))
            {
                foreach (var (entry, id, rationale, selected) in Unmapped(targetGaps, $"{path}.target-gap-summary", target))
                {
                    if (selected && (_pairs.Any(p => p.Item2 == id) || _otSpecific.Any(o => o.TargetId == id)))
                    {
                        continue;
                    }

                    var props = Props(mapping, path, OscalMappingWriter.TargetGapGroup + entry);
                    _otSpecific.Add(new OtSpecificRequirement
                    {
                        TargetId = id,
                        Rationale = rationale ?? "Listed as unmapped in the target-gap-summary of an OSCAL mapping.",
                        Provenance = props.Get("provenance") ?? _description,
                        Status = props.Status() ?? status,
                    });
                }
            }
        }

        /// <summary>The requirements an unmapped-controls list selects; Selected: by wildcard or as a child, not by name.</summary>
        private IEnumerable<(int Entry, string Id, string? Rationale, bool Selected)> Unmapped(JsonElement summary, string path, RequirementIndex index)
        {
            var entry = 0;
            foreach (var select in summary.GetProperty("unmapped-controls").EnumerateArray())
            {
                var selectPath = $"{path}.unmapped-controls[{entry}]";
                var found = new List<(string Id, string? Rationale, bool Selected)>();
                if (select.TryGetProperty("with-ids", out var withIds))
                {
                    var i = 0;
                    foreach (var withId in withIds.EnumerateArray())
                    {
                        var idRef = withId.GetString()!;
                        found.Add((index.Find(idRef) ?? throw context.Error($"{selectPath}.with-ids[{i}]", $"'{idRef}' is not a requirement of catalog '{index.Catalog.Id}'"), null, false));
                        i++;
                    }
                }

                if (select.TryGetProperty("matching", out var matching))
                {
                    var i = 0;
                    foreach (var match in matching.EnumerateArray())
                    {
                        var matchPath = $"{selectPath}.matching[{i++}]";
                        var remarks = match.TryGetProperty("remarks", out var r) ? r.GetString() : null;
                        var pattern = match.TryGetProperty("pattern", out var p) ? p.GetString()! : throw context.Error(matchPath, "a 'matching' without 'pattern' selects nothing");
                        if (index.Find(pattern) is { } id)
                        {
                            found.Add((id, remarks, false));
                        }
                        else if (pattern.AsSpan().IndexOfAny('*', '?') >= 0)
                        {
                            var matches = index.Matching(pattern).ToList();
                            if (matches.Count == 0)
                            {
                                context.Warn($"{matchPath}.pattern", $"'{pattern}' matches no requirement of catalog '{index.Catalog.Id}'");
                            }

                            found.AddRange(matches.Select(m => (m, remarks, true)));
                        }
                        else
                        {
                            throw context.Error($"{matchPath}.pattern", $"'{pattern}' is not a requirement of catalog '{index.Catalog.Id}'");
                        }
                    }
                }

                var withChildren = select.TryGetProperty("with-child-controls", out var children) && children.GetString() == "yes";
                foreach (var (id, rationale, selected) in found)
                {
                    yield return (entry, id, rationale, selected);
                    foreach (var child in withChildren ? index.Descendants(id) : [])
                    {
                        yield return (entry, child, rationale, true);
                    }
                }

                entry++;
            }
        }

        // Rows were read maps first; a gap row of Castellan's export goes back to the place its position prop gives.
        private List<Mapping> Ordered()
        {
            var rows = new List<Mapping>(_mapped);
            foreach (var (mapping, position) in _unmapped.Where(u => u.Position is not null).OrderBy(u => u.Position))
            {
                rows.Insert(Math.Min(position!.Value, rows.Count), mapping);
            }

            rows.AddRange(_unmapped.Where(u => u.Position is null).Select(u => u.Mapping));
            return rows;
        }

        /// <summary>The Castellan-namespace props of a map (no group) or of one gap entry (its group).</summary>
        private CastellanProps Props(JsonElement element, string path, string? group)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (element.TryGetProperty("props", out var props))
            {
                foreach (var prop in props.EnumerateArray())
                {
                    var ns = prop.TryGetProperty("ns", out var n) ? n.GetString() : null;
                    var propGroup = prop.TryGetProperty("group", out var g) ? g.GetString() : null;
                    if (ns == OscalNames.Namespace && propGroup == group)
                    {
                        values.TryAdd(prop.GetProperty("name").GetString()!, prop.GetProperty("value").GetString()!);
                    }
                }
            }

            return new CastellanProps(context, group is null ? $"{path}.props" : $"{path}.props (group {group})", values);
        }
    }

    private sealed class CastellanProps(OscalSchema.Context context, string path, Dictionary<string, string> values)
    {
        public string? Get(string name) => values.GetValueOrDefault(name);

        public int? Strength() => Get("strength") is not { } text ? null
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= 10 ? value
            : throw context.Error(path, $"Castellan strength '{text}' is not a whole number 0–10");

        public VerificationStatus? Status() => Get("status") is not { } text ? null
            : VerificationStatusNames.TryParse(text, out var status) ? status
            : throw context.Error(path, $"Castellan status '{text}' is not verified or unsure");

        public int? Position() =>
            int.TryParse(Get("position"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position) ? position : null;
    }
}
