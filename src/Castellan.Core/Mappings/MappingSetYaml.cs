using Castellan.Core.Common;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Mappings;

/// <summary>Reads a mapping set file (catalogs/README.md, "Mapping set file") and checks it against both catalogs.</summary>
public static class MappingSetYaml
{
    public static MappingSet Read(YamlMap root, Func<CatalogId, Catalog?> catalogs)
    {
        root.RequireOnlyKeys("id", "source", "target", "title", "provenance", "mappings", "otSpecific");
        var header = new MappingSetHeader
        {
            Id = root.RequiredString("id"),
            Source = ReadCatalogId(root, "source"),
            Target = ReadCatalogId(root, "target"),
            Title = root.RequiredString("title"),
            Provenance = root.RequiredString("provenance"),
        };
        var source = catalogs(header.Source) ?? throw root.Error("source", $"catalog '{header.Source}' does not exist");
        var target = catalogs(header.Target) ?? throw root.Error("target", $"catalog '{header.Target}' does not exist");

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var mappings = new List<Mapping>();
        foreach (var raw in root.MapList("mappings", required: true))
        {
            var sourceId = raw.RequiredString("source");
            var entry = raw.WithContext($"source '{sourceId}'");
            entry.RequireOnlyKeys("source", "target", "relationship", "strength", "rationale", "provenance", "status");
            var relationshipText = entry.RequiredString("relationship");
            if (!RelationshipNames.TryParse(relationshipText, out var relationship))
            {
                throw entry.Error("relationship", $"'{relationshipText}' is not one of {RelationshipNames.AllWireNames}");
            }

            lines.TryAdd(sourceId, entry.Line);
            mappings.Add(new Mapping
            {
                SourceId = sourceId,
                TargetId = entry.OptionalString("target"),
                Relationship = relationship,
                Strength = entry.OptionalInt("strength"),
                Rationale = entry.OptionalString("rationale"),
                Provenance = entry.OptionalString("provenance") ?? header.Provenance,
                Status = ReadStatus(entry),
            });
        }

        var otSpecific = new List<OtSpecificRequirement>();
        foreach (var raw in root.MapList("otSpecific", required: false))
        {
            var targetId = raw.RequiredString("target");
            var entry = raw.WithContext($"otSpecific '{targetId}'");
            entry.RequireOnlyKeys("target", "rationale", "provenance", "status");
            lines.TryAdd(targetId, entry.Line);
            otSpecific.Add(new OtSpecificRequirement
            {
                TargetId = targetId,
                Rationale = entry.RequiredString("rationale"),
                Provenance = entry.OptionalString("provenance") ?? header.Provenance,
                Status = ReadStatus(entry),
            });
        }

        try
        {
            return MappingSet.Create(header, mappings, source, target, otSpecific);
        }
        catch (MappingSetInvalidException e)
        {
            var first = e.Problems[0];
            var more = e.Problems.Count > 1 ? $" (and {e.Problems.Count - 1} more)" : "";
            throw InputException.At(root.File, first.RequirementId is not null && lines.TryGetValue(first.RequirementId, out var line) ? line : root.Line,
                $"source '{first.RequirementId}', field '{first.Field}': {first.Message}{more}");
        }
    }

    private static VerificationStatus ReadStatus(YamlMap entry)
    {
        var text = entry.OptionalString("status") ?? "verified";
        return VerificationStatusNames.TryParse(text, out var status) ? status : throw entry.Error("status", $"'{text}' is not verified or unsure");
    }

    private static CatalogId ReadCatalogId(YamlMap root, string key)
    {
        var text = root.RequiredString(key);
        return CatalogId.IsValid(text) ? new CatalogId(text) : throw root.Error(key, $"'{text}' is not a valid catalog id");
    }
}
