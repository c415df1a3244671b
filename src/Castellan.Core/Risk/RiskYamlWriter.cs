using System.Globalization;
using System.Text;
using Castellan.Domain.Risk;
using Castellan.Domain.SecurityLevels;

namespace Castellan.Core.Risk;

/// <summary>
/// Writes the <c>risk:</c> section in the order of docs/workspace.md; <see cref="RiskYaml.Read"/> of the output gives the
/// same register. Strings are JSON literals (valid YAML double-quoted scalars).
/// </summary>
public static class RiskYamlWriter
{
    public static void Write(StringBuilder y, RiskRegister register)
    {
        var m = register.Matrix;
        y.Append("risk:\n  matrix:\n");
        y.Append("    likelihood: ").Append(List(m.Likelihood)).Append('\n');
        y.Append("    impact: ").Append(List(m.Impact)).Append('\n');
        y.Append("    bands: ").Append(List(m.Bands)).Append('\n');
        y.Append("    tolerable: ").Append(Quote(m.Tolerable)).Append('\n');
        y.Append("    categories: ").Append(List([.. m.Categories.Select(c => c.ToWire())])).Append('\n');
        y.Append("    cells:\n");
        for (var l = 0; l < m.Likelihood.Count; l++)
        {
            y.Append("      ").Append(Quote(m.Likelihood[l])).Append(": ").Append(List(m.Cells[l])).Append('\n');
        }

        if (register.Assessments.Count > 0)
        {
            y.Append("  assessments:\n");
            foreach (var a in register.Assessments)
            {
                y.Append("    - id: ").Append(Quote(a.Id)).Append('\n');
                Field(y, 3, "system", a.System);
                if (a.Steps.Count > 0)
                {
                    y.Append("      steps:\n");
                    foreach (var s in a.Steps)
                    {
                        y.Append("        - { zcr: ").Append(s.Zcr.ToString(CultureInfo.InvariantCulture)).Append(", by: ").Append(Quote(s.By))
                            .Append(", date: ").Append(Date(s.Date));
                        if (s.Note is not null)
                        {
                            y.Append(", note: ").Append(Quote(s.Note));
                        }

                        y.Append(" }\n");
                    }
                }

                if (a.Scenarios.Count > 0)
                {
                    y.Append("      scenarios:\n");
                    foreach (var s in a.Scenarios)
                    {
                        Scenario(y, s);
                    }
                }
            }
        }

        if (register.Derivations.Count > 0)
        {
            y.Append("  derivations:\n");
            foreach (var d in register.Derivations)
            {
                Derivation(y, d);
            }
        }
    }

    private static void Scenario(StringBuilder y, ThreatScenario s)
    {
        y.Append("        - id: ").Append(Quote(s.Id)).Append('\n');
        Field(y, 5, "title", s.Title);
        Field(y, 5, "scope", s.Scope);
        Field(y, 5, "threatSource", s.ThreatSource);
        Field(y, 5, "vector", s.Vector);
        Strings(y, 5, "attack", s.Techniques);
        Strings(y, 5, "vulnerabilities", s.Vulnerabilities);
        y.Append("          consequences:\n");
        foreach (var c in s.Consequences)
        {
            y.Append("            - { category: ").Append(c.Category.ToWire()).Append(", impact: ").Append(Quote(c.Impact));
            if (c.Description is not null)
            {
                y.Append(", description: ").Append(Quote(c.Description));
            }

            if (c.Pha is not null)
            {
                y.Append(", pha: ").Append(Quote(c.Pha));
            }

            y.Append(" }\n");
        }

        Field(y, 5, "likelihood", s.Likelihood);
        Strings(y, 5, "countermeasures", s.Countermeasures);
        y.Append("          residual: { likelihood: ").Append(Quote(s.ResidualLikelihood)).Append(", impact: ").Append(Quote(s.ResidualImpact)).Append(" }\n");
        Strings(y, 5, "additional", s.Additional);
        if (s.Treatment is { } t)
        {
            y.Append("          treatment:\n");
            Field(y, 6, "decision", t.Decision.ToWire());
            Strings(y, 6, "controls", t.Controls);
            Field(y, 6, "owner", t.Owner);
            if (t.Due is { } due)
            {
                y.Append("            due: ").Append(Date(due)).Append('\n');
            }

            if (t.Acceptance is { } a)
            {
                y.Append("            acceptance: { by: ").Append(Quote(a.By)).Append(", date: ").Append(Date(a.Date));
                if (a.Reference is not null)
                {
                    y.Append(", reference: ").Append(Quote(a.Reference));
                }

                y.Append(" }\n");
            }
        }
    }

    private static void Derivation(StringBuilder y, SltDerivation d)
    {
        y.Append("    - zone: ").Append(Quote(d.Zone)).Append('\n');
        Field(y, 3, "method", d.Method.ToWire());
        if (d.Actor is { } a)
        {
            y.Append("      actor: { means: ").Append(a.Means).Append(", resources: ").Append(a.Resources)
                .Append(", skills: ").Append(a.Skills).Append(", motivation: ").Append(a.Motivation).Append(" }\n");
        }

        if (d.Refinements.Count > 0)
        {
            y.Append("      refine:\n");
            foreach (var r in d.Refinements)
            {
                y.Append("        - { fr: ").Append(SlVector.Abbreviations[r.Fr - 1]).Append(", level: ").Append(r.Level.ToString(CultureInfo.InvariantCulture))
                    .Append(", reason: ").Append(Quote(r.Reason)).Append(" }\n");
            }
        }

        Field(y, 3, "rationale", d.Rationale);
        if (d.Override is { } o)
        {
            y.Append("      override: { slt: ").Append(Quote(o.Slt.ToString())).Append(", reason: ").Append(Quote(o.Reason)).Append(" }\n");
        }
    }

    private static void Field(StringBuilder y, int depth, string key, string? value)
    {
        if (value is not null)
        {
            y.Append(' ', 2 * depth).Append(key).Append(": ").Append(Quote(value)).Append('\n');
        }
    }

    private static void Strings(StringBuilder y, int depth, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            y.Append(' ', 2 * depth).Append(key).Append(": ").Append(List(values)).Append('\n');
        }
    }

    private static string List(IReadOnlyList<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value, QuoteOptions);

    private static readonly System.Text.Json.JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
