namespace Castellan.Domain.Risk;

/// <summary>
/// The impact categories of one register for IT and OT (IEC 62443-3-2 ZCR 5.3): the HSE and process consequences an
/// IT-only method misses, and confidentiality / integrity / availability for information risks (ISO/IEC 27001 6.1.2).
/// </summary>
public enum ImpactCategory
{
    HealthSafety,
    Environment,
    Production,
    Financial,
    ReputationRegulatory,
    Confidentiality,
    Integrity,
    Availability,
}

public static class ImpactCategoryNames
{
    public static string ToWire(this ImpactCategory category) => category switch
    {
        ImpactCategory.HealthSafety => "health-safety",
        ImpactCategory.Environment => "environment",
        ImpactCategory.Production => "production",
        ImpactCategory.Financial => "financial",
        ImpactCategory.ReputationRegulatory => "reputation-regulatory",
        ImpactCategory.Confidentiality => "confidentiality",
        ImpactCategory.Integrity => "integrity",
        ImpactCategory.Availability => "availability",
    };

    public static string AllWireNames => string.Join(", ", Enum.GetValues<ImpactCategory>().Select(c => c.ToWire()));

    public static bool TryParse(string? text, out ImpactCategory category) => WireNames.TryParse(text, ToWire, out category);
}

/// <summary>A problem in the matrix or the register, located by the field it concerns (e.g. "cells.likely[4]").</summary>
public sealed record RiskProblem(string Kind, string Id, string Field, string Message);

/// <summary>
/// The asset owner's risk matrix (IEC 62443-3-2 ZCR 6.8; ISO/IEC 27001 6.1.2 a): likelihood steps × impact steps, lowest
/// first, 3–7 each; bands lowest first; one band per cell (<see cref="Cells"/>[likelihood][impact]); and the tolerable
/// line: cells whose band is at or below <see cref="Tolerable"/> are tolerable. Data, not code: validate with
/// <see cref="Validate"/>.
/// </summary>
public sealed record RiskMatrix
{
    public const int MinSteps = 3;
    public const int MaxSteps = 7;

    public required IReadOnlyList<string> Likelihood { get; init; }

    public required IReadOnlyList<string> Impact { get; init; }

    public required IReadOnlyList<string> Bands { get; init; }

    /// <summary>Band names, one row per likelihood step (lowest first), one entry per impact step (lowest first).</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Cells { get; init; }

    /// <summary>The highest tolerable band.</summary>
    public required string Tolerable { get; init; }

    /// <summary>The categories this organisation scores; all eight when not narrowed.</summary>
    public IReadOnlyList<ImpactCategory> Categories { get; init; } = Enum.GetValues<ImpactCategory>();

    public int TolerableBand => IndexOf(Bands, Tolerable);

    public int LikelihoodIndex(string step) => IndexOf(Likelihood, step);

    public int ImpactIndex(string step) => IndexOf(Impact, step);

    /// <summary>The band index of a cell: the risk is the matrix cell, nothing computed beside it.</summary>
    public int Band(int likelihood, int impact) => IndexOf(Bands, Cells[likelihood][impact]);

    public bool IsTolerable(int band) => band <= TolerableBand;

    /// <summary>
    /// Every rule a matrix must satisfy: 3–7 steps per axis, distinct names, a band per cell, bands monotone (raising the
    /// likelihood or the impact never lowers the band) and a tolerable line that exists and separates some cell.
    /// </summary>
    public IReadOnlyList<RiskProblem> Validate()
    {
        var problems = new List<RiskProblem>();
        void Add(string field, string message) => problems.Add(new("matrix", "risk", field, message));
        foreach (var (field, steps) in new[] { ("likelihood", Likelihood), ("impact", Impact) })
        {
            if (steps.Count is < MinSteps or > MaxSteps)
            {
                Add(field, $"has {steps.Count} steps; a matrix has {MinSteps} to {MaxSteps} per axis");
            }
        }

        foreach (var (field, names) in new[] { ("likelihood", Likelihood), ("impact", Impact), ("bands", Bands) })
        {
            if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } dup)
            {
                Add(field, $"'{dup.Key}' appears twice");
            }
        }

        if (Bands.Count < 2)
        {
            Add("bands", "a matrix has at least two bands (tolerable and not)");
        }

        if (TolerableBand < 0)
        {
            Add("tolerable", $"'{Tolerable}' is not one of the bands ({string.Join(", ", Bands)})");
        }

        if (Cells.Count != Likelihood.Count)
        {
            Add("cells", $"has {Cells.Count} rows; write one per likelihood step ({Likelihood.Count})");
            return problems;
        }

        for (var l = 0; l < Cells.Count; l++)
        {
            if (Cells[l].Count != Impact.Count)
            {
                Add($"cells.{Likelihood[l]}", $"has {Cells[l].Count} entries; write one band per impact step ({Impact.Count})");
                return problems;
            }

            foreach (var band in Cells[l].Where(b => IndexOf(Bands, b) < 0))
            {
                Add($"cells.{Likelihood[l]}", $"'{band}' is not one of the bands ({string.Join(", ", Bands)})");
                return problems;
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        for (var l = 0; l < Cells.Count; l++)
        {
            for (var i = 0; i < Impact.Count; i++)
            {
                if (l > 0 && Band(l, i) < Band(l - 1, i))
                {
                    Add($"cells.{Likelihood[l]}[{i + 1}]", $"band '{Cells[l][i]}' at likelihood '{Likelihood[l]}' is below '{Cells[l - 1][i]}' at the lower likelihood '{Likelihood[l - 1]}': bands must not fall as likelihood rises");
                }

                if (i > 0 && Band(l, i) < Band(l, i - 1))
                {
                    Add($"cells.{Likelihood[l]}[{i + 1}]", $"band '{Cells[l][i]}' at impact '{Impact[i]}' is below '{Cells[l][i - 1]}' at the lower impact '{Impact[i - 1]}': bands must not fall as impact rises");
                }
            }
        }

        if (TolerableBand >= 0 && !IsTolerable(Band(0, 0)))
        {
            Add("tolerable", $"no cell is tolerable: the lowest cell is '{Cells[0][0]}', above '{Tolerable}'");
        }

        return problems;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
