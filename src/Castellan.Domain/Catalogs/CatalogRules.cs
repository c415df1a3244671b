namespace Castellan.Domain.Catalogs;

/// <summary>The integrity rules every catalog obeys, whether shipped, imported from OSCAL, or read back from a database.</summary>
public static class CatalogRules
{
    public const int MaxIdLength = 128;

    public static IReadOnlyList<CatalogProblem> Check(CatalogHeader header, IReadOnlyList<Requirement> requirements)
    {
        var problems = new List<CatalogProblem>();
        RequireText(problems, null, "name", header.Name);
        RequireText(problems, null, "title", header.Title);
        RequireText(problems, null, "edition", header.Edition);

        var seen = new Dictionary<string, Requirement>(StringComparer.Ordinal);
        for (var index = 0; index < requirements.Count; index++)
        {
            var requirement = requirements[index];
            var before = problems.Count;
            CheckId(problems, requirement.Id);
            RequireText(problems, requirement.Id, "title", requirement.Title);
            if (!seen.TryAdd(requirement.Id, requirement))
            {
                problems.Add(new(requirement.Id, "id", $"duplicate id '{requirement.Id}'") { Index = index });
                continue;
            }

            Requirement? parent = null;
            if (requirement.ParentId is not null && !seen.TryGetValue(requirement.ParentId, out parent))
            {
                problems.Add(new(requirement.Id, "parent", $"parent '{requirement.ParentId}' is not defined before '{requirement.Id}'"));
            }

            CheckLevels(problems, header.Grading, requirement);
            if (requirement.Kind == RequirementKind.RequirementEnhancement)
            {
                CheckEnhancement(problems, requirement, parent);
            }

            for (var i = before; i < problems.Count; i++)
            {
                problems[i] = problems[i] with { Index = index };
            }
        }

        return problems;
    }

    private static void CheckId(List<CatalogProblem> problems, string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new(id, "id", "id is empty"));
        }
        else if (id.Length > MaxIdLength || id != id.Trim() || id.Any(char.IsControl))
        {
            problems.Add(new(id, "id", $"id must be at most {MaxIdLength} characters, without surrounding spaces or control characters"));
        }
    }

    private static void CheckLevels(List<CatalogProblem> problems, Grading grading, Requirement requirement)
    {
        if (requirement.Levels.IsEmpty)
        {
            return;
        }

        if (grading != Grading.SecurityLevel)
        {
            problems.Add(new(requirement.Id, "levels", $"levels are only allowed in security-level catalogs (this one is graded '{grading.ToWire()}')"));
        }
        else if (!requirement.Levels.IsUpwardClosed)
        {
            // IEC 62443-3-3 Annex B / 4-2 Annex B: once required at an SL, a requirement stays required at every higher SL.
            problems.Add(new(requirement.Id, "levels", $"levels [{requirement.Levels}] must run from the first level up to SL 4"));
        }
    }

    private static void CheckEnhancement(List<CatalogProblem> problems, Requirement enhancement, Requirement? parent)
    {
        if (parent is null)
        {
            problems.Add(new(enhancement.Id, "parent", "a requirement enhancement (RE) needs the SR or CR it enhances as parent"));
            return;
        }

        if (parent.Kind is not (RequirementKind.SystemRequirement or RequirementKind.ComponentRequirement))
        {
            problems.Add(new(enhancement.Id, "parent", $"an RE belongs to an SR or CR, but '{parent.Id}' is a {parent.Kind.ToWire()}"));
        }

        var prefix = parent.Id + " RE ";
        if (!enhancement.Id.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(enhancement.Id.AsSpan(prefix.Length), out var number) || number < 1)
        {
            problems.Add(new(enhancement.Id, "id", $"an RE of '{parent.Id}' is named '{prefix}<n>'"));
        }

        if (enhancement.Levels.First is { } first && (parent.Levels.First is not { } parentFirst || first < parentFirst))
        {
            problems.Add(new(enhancement.Id, "levels", $"RE required from level {first}, below its parent '{parent.Id}' (levels [{parent.Levels}])"));
        }
    }

    private static void RequireText(List<CatalogProblem> problems, string? id, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(id, field, $"{field} is empty"));
        }
    }
}
