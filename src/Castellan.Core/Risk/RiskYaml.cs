using System.Globalization;
using Castellan.Core.Common;
using Castellan.Domain.Risk;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;

namespace Castellan.Core.Risk;

/// <summary>
/// Reads the <c>risk:</c> section of a workspace (docs/workspace.md) strictly: unknown keys and bad values are refused
/// with file, line and field; then the matrix and the register are validated (<see cref="RiskRegisterRules"/>) and the
/// first problem is reported at the line of the record it concerns.
/// </summary>
public static class RiskYaml
{
    public static RiskRegister Read(YamlMap risk, Workspace workspace)
    {
        risk.RequireOnlyKeys("matrix", "assessments", "derivations");
        var lines = new Dictionary<(string Kind, string Id), int>();
        var matrixMap = risk.OptionalMap("matrix") ?? throw risk.Error("matrix", "is required: the likelihood × impact matrix and its tolerable line");
        lines[("matrix", "risk")] = matrixMap.Line;
        var register = new RiskRegister
        {
            Matrix = ReadMatrix(matrixMap.WithContext("risk matrix")),
            Assessments = [.. risk.MapList("assessments", required: false).Select(m => ReadAssessment(m, lines))],
            Derivations = [.. risk.MapList("derivations", required: false).Select(m =>
            {
                var d = ReadDerivation(m);
                lines.TryAdd(("derivation", d.Zone), m.Line);
                return d;
            })],
        };

        var problems = RiskRegisterRules.Check(register, workspace);
        if (problems.Count > 0)
        {
            var p = problems[0];
            var more = problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "";
            throw InputException.At(risk.File, lines.TryGetValue((p.Kind, p.Id), out var line) ? line : risk.Line,
                $"risk {p.Kind} '{p.Id}', field '{p.Field}': {p.Message}{more}");
        }

        return register;
    }

    private static RiskMatrix ReadMatrix(YamlMap map)
    {
        map.RequireOnlyKeys("likelihood", "impact", "bands", "tolerable", "cells", "categories");
        var likelihood = Required(map, "likelihood");
        var rows = map.Has("cells") ? map.StringListMap("cells") : throw map.Error("cells", "is required: per likelihood step, the band of each impact step");
        foreach (var step in rows.Keys.Where(k => !likelihood.Contains(k)))
        {
            throw map.Error("cells", $"'{step}' is not a likelihood step ({string.Join(", ", likelihood)})");
        }

        var cells = likelihood.Select(step => rows.TryGetValue(step, out var row) ? row : throw map.Error("cells", $"has no row for likelihood '{step}'")).ToList();
        var categories = map.StringList("categories");
        return new RiskMatrix
        {
            Likelihood = likelihood,
            Impact = Required(map, "impact"),
            Bands = Required(map, "bands"),
            Tolerable = map.RequiredString("tolerable"),
            Cells = cells,
            Categories = categories.Count == 0 ? Enum.GetValues<ImpactCategory>() : [.. categories.Select(c => Category(map, "categories", c))],
        };
    }

    private static IReadOnlyList<string> Required(YamlMap map, string key)
    {
        var list = map.StringList(key);
        return list.Count > 0 ? list : throw map.Error(key, "is required: a list of step names, lowest first");
    }

    private static ImpactCategory Category(YamlMap map, string key, string text) =>
        ImpactCategoryNames.TryParse(text, out var category) ? category : throw map.Error(key, $"'{text}' is not an impact category ({ImpactCategoryNames.AllWireNames})");

    private static RiskAssessment ReadAssessment(YamlMap raw, Dictionary<(string, string), int> lines)
    {
        var map = raw.WithContext($"risk assessment '{raw.OptionalString("id")}'");
        map.RequireOnlyKeys("id", "system", "steps", "scenarios");
        var id = map.RequiredString("id");
        lines.TryAdd(("assessment", id), map.Line);
        return new RiskAssessment
        {
            Id = id,
            System = map.OptionalString("system"),
            Steps = [.. map.MapList("steps", required: false).Select(s =>
            {
                var step = s.WithContext($"risk assessment '{id}' step");
                step.RequireOnlyKeys("zcr", "by", "date", "note");
                return new WorkflowStep(step.OptionalInt("zcr") ?? throw step.Error("zcr", "is required (1–7)"), step.RequiredString("by"),
                    RequiredDate(step, "date"), step.OptionalString("note"));
            })],
            Scenarios = [.. map.MapList("scenarios", required: false).Select(s =>
            {
                var scenario = ReadScenario(s);
                lines.TryAdd(("scenario", scenario.Id), s.Line);
                return scenario;
            })],
        };
    }

    private static ThreatScenario ReadScenario(YamlMap raw)
    {
        var map = raw.WithContext($"risk scenario '{raw.OptionalString("id")}'");
        map.RequireOnlyKeys("id", "title", "scope", "threatSource", "vector", "attack", "vulnerabilities", "consequences", "likelihood",
            "countermeasures", "residual", "additional", "treatment");
        var residual = map.OptionalMap("residual") ?? throw map.Error("residual", "is required: { likelihood, impact } after countermeasures (ZCR 5.9)");
        residual.RequireOnlyKeys("likelihood", "impact");
        return new ThreatScenario
        {
            Id = map.RequiredString("id"),
            Title = map.RequiredString("title"),
            Scope = map.RequiredString("scope"),
            ThreatSource = map.RequiredString("threatSource"),
            Vector = map.RequiredString("vector"),
            Techniques = map.StringList("attack"),
            Vulnerabilities = map.StringList("vulnerabilities"),
            Consequences = [.. map.MapList("consequences", required: true).Select(c =>
            {
                var consequence = c.WithContext(map.Context!);
                consequence.RequireOnlyKeys("category", "impact", "description", "pha");
                return new Consequence(Category(consequence, "category", consequence.RequiredString("category")), consequence.RequiredString("impact"),
                    consequence.OptionalString("description"), consequence.OptionalString("pha"));
            })],
            Likelihood = map.RequiredString("likelihood"),
            Countermeasures = map.StringList("countermeasures"),
            ResidualLikelihood = residual.RequiredString("likelihood"),
            ResidualImpact = residual.RequiredString("impact"),
            Additional = map.StringList("additional"),
            Treatment = ReadTreatment(map),
        };
    }

    private static Treatment? ReadTreatment(YamlMap scenario)
    {
        var map = scenario.OptionalMap("treatment");
        if (map is null)
        {
            return null;
        }

        map.RequireOnlyKeys("decision", "controls", "owner", "due", "acceptance");
        var text = map.RequiredString("decision");
        var acceptance = map.OptionalMap("acceptance");
        acceptance?.RequireOnlyKeys("by", "date", "reference");
        return new Treatment
        {
            Decision = TreatmentDecisionNames.TryParse(text, out var decision) ? decision : throw map.Error("decision", $"'{text}' is not accept, mitigate, transfer or avoid"),
            Controls = map.StringList("controls"),
            Owner = map.OptionalString("owner"),
            Due = Date(map, "due"),
            Acceptance = acceptance is null ? null : new Acceptance(acceptance.RequiredString("by"), RequiredDate(acceptance, "date"), acceptance.OptionalString("reference")),
        };
    }

    private static SltDerivation ReadDerivation(YamlMap raw)
    {
        var map = raw.WithContext($"risk derivation '{raw.OptionalString("zone")}'");
        map.RequireOnlyKeys("zone", "method", "actor", "refine", "rationale", "override");
        var text = map.RequiredString("method");
        var actor = map.OptionalMap("actor");
        ThreatActor? threat = null;
        if (actor is not null)
        {
            actor.RequireOnlyKeys("means", "resources", "skills", "motivation");
            threat = new ThreatActor(OneOf(actor, "means", SltDeriver.MeansValues), OneOf(actor, "resources", SltDeriver.ResourcesValues),
                OneOf(actor, "skills", SltDeriver.SkillsValues), OneOf(actor, "motivation", SltDeriver.MotivationValues));
        }

        var manual = map.OptionalMap("override");
        manual?.RequireOnlyKeys("slt", "reason");
        return new SltDerivation
        {
            Zone = map.RequiredString("zone"),
            Method = SltMethodNames.TryParse(text, out var method) ? method : throw map.Error("method", $"'{text}' is not risk-reduction, threat-capability or consequence"),
            Actor = threat,
            Refinements = [.. map.MapList("refine", required: false).Select(r =>
            {
                var refine = r.WithContext(map.Context!);
                refine.RequireOnlyKeys("fr", "level", "reason");
                var fr = refine.RequiredString("fr");
                var index = Array.IndexOf(SlVector.Abbreviations, fr);
                var level = refine.OptionalInt("level") ?? throw refine.Error("level", "is required (0–4)");
                return index < 0 ? throw refine.Error("fr", $"'{fr}' is not an FR ({string.Join(", ", SlVector.Abbreviations)})")
                    : level is < 0 or > 4 ? throw refine.Error("level", $"{level} is not a security level 0–4")
                    : new FrRefinement(index + 1, level, refine.RequiredString("reason"));
            })],
            Rationale = map.OptionalString("rationale"),
            Override = manual is null ? null : new SltOverride(
                SlVector.TryParse(manual.RequiredString("slt"), out var slt, out var error) ? slt : throw manual.Error("slt", error),
                manual.RequiredString("reason")),
        };
    }

    private static string OneOf(YamlMap map, string key, string[] allowed)
    {
        var value = map.RequiredString(key);
        return allowed.Contains(value) ? value : throw map.Error(key, $"'{value}' is not {string.Join(" | ", allowed)}");
    }

    private static DateOnly RequiredDate(YamlMap map, string key) => Date(map, key) ?? throw map.Error(key, "is required (yyyy-mm-dd)");

    private static DateOnly? Date(YamlMap map, string key)
    {
        var text = map.OptionalString(key);
        return text is null ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw map.Error(key, $"'{text}' is not a date (yyyy-mm-dd)");
    }
}
