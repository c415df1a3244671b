using Castellan.Core.Common;
using Castellan.Domain.Catalogs;

namespace Castellan.Core.Catalogs;

/// <summary>Reads a catalog file (catalogs/README.md describes the format) into a validated <see cref="Catalog"/>.</summary>
public static class CatalogYaml
{
    private static readonly string[] HeaderKeys = ["id", "name", "title", "edition", "publisher", "grading", "copyright", "requirements"];

    private static readonly string[] RequirementKeys =
        ["id", "kind", "parent", "title", "assessable", "levels", "status", "source", "note", "componentType", "roles", "attributes"];

    public static Catalog Read(string file, string text, CatalogOrigin origin) => Read(YamlFile.LoadMap(file, text), origin);

    public static Catalog Read(YamlMap root, CatalogOrigin origin)
    {
        root.RequireOnlyKeys(HeaderKeys);
        var id = root.RequiredString("id");
        if (!CatalogId.IsValid(id))
        {
            throw root.Error("id", $"'{id}' is not a valid catalog id (lower-case letters, digits and '-')");
        }

        var gradingText = root.OptionalString("grading") ?? "none";
        if (!GradingNames.TryParse(gradingText, out var grading))
        {
            throw root.Error("grading", $"'{gradingText}' is not one of none, security-level, maturity-level");
        }

        var header = new CatalogHeader
        {
            Id = new CatalogId(id),
            Name = root.RequiredString("name"),
            Title = root.RequiredString("title"),
            Edition = root.RequiredString("edition"),
            Publisher = root.OptionalString("publisher"),
            Grading = grading,
            Copyright = root.OptionalString("copyright"),
            Origin = origin,
        };

        var entries = root.MapList("requirements", required: true);
        var requirements = entries.Select(ReadRequirement).ToList();

        try
        {
            return Catalog.Create(header, requirements);
        }
        catch (CatalogInvalidException e)
        {
            var first = e.Problems[0];
            var line = first.Index is { } index ? entries[index].Line : root.Line;
            var more = e.Problems.Count > 1 ? $" (and {e.Problems.Count - 1} more)" : "";
            throw InputException.At(root.File, line,
                (first.RequirementId is null ? "" : $"id '{first.RequirementId}', ") + $"field '{first.Field}': {first.Message}{more}");
        }
    }

    private static Requirement ReadRequirement(YamlMap raw)
    {
        var id = raw.RequiredString("id");
        var entry = raw.WithContext($"id '{id}'");
        entry.RequireOnlyKeys(RequirementKeys);

        var kindText = entry.RequiredString("kind");
        if (!RequirementKindNames.TryParse(kindText, out var kind))
        {
            throw entry.Error("kind", $"'{kindText}' is not one of {RequirementKindNames.AllWireNames}");
        }

        var statusText = entry.RequiredString("status");
        if (!VerificationStatusNames.TryParse(statusText, out var status))
        {
            throw entry.Error("status", $"'{statusText}' is not verified or unsure");
        }

        return new Requirement
        {
            Id = id,
            Kind = kind,
            Title = entry.RequiredString("title"),
            ParentId = entry.OptionalString("parent"),
            Assessable = entry.OptionalBool("assessable") ?? true,
            Levels = ReadLevels(entry),
            Status = status,
            Source = entry.RequiredString("source"),
            Note = entry.OptionalString("note"),
            ComponentType = ReadComponentType(entry),
            Roles = entry.StringList("roles"),
            Attributes = entry.StringListMap("attributes"),
        };
    }

    private static LevelSet ReadLevels(YamlMap entry)
    {
        var levels = new List<int>();
        foreach (var text in entry.StringList("levels"))
        {
            if (!int.TryParse(text, out var level) || !LevelSet.IsValidLevel(level))
            {
                throw entry.Error("levels", $"'{text}' is not a level 1–4");
            }

            if (levels.Count > 0 && level <= levels[^1])
            {
                throw entry.Error("levels", "levels must be ascending without duplicates");
            }

            levels.Add(level);
        }

        return LevelSet.Of(levels);
    }

    private static ComponentType? ReadComponentType(YamlMap entry)
    {
        var text = entry.OptionalString("componentType");
        if (text is null)
        {
            return null;
        }

        return Enum.TryParse<ComponentType>(text, ignoreCase: false, out var type) && Enum.IsDefined(type)
            ? type
            : throw entry.Error("componentType", $"'{text}' is not one of SAR, EDR, HDR, NDR");
    }
}
