using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Risk;

namespace Castellan.Core.Risk;

/// <summary>
/// Replaces the organisation's risk matrix (IEC 62443-3-2 ZCR 6.8; ISO/IEC 27001 6.1.2 a): the likelihood and impact
/// scales, the bands of every cell and the tolerable line. Refused, naming the field, when the matrix breaks a rule or
/// a scenario of the register uses a step the new matrix no longer has; refused with both versions when the register
/// changed since it was read.
/// </summary>
public sealed class EditRiskMatrix(CastellanDbContext db, TimeProvider clock)
{
    /// <summary>The matrix as entered; null lists are missing fields. Categories: null keeps the current ones.</summary>
    public sealed record Input(IReadOnlyList<string>? Likelihood, IReadOnlyList<string>? Impact, IReadOnlyList<string>? Bands,
        IReadOnlyList<IReadOnlyList<string>>? Cells, string? Tolerable, IReadOnlyList<string>? Categories);

    public async Task<long> RunAsync(string actor, Input input, long version, CancellationToken cancellationToken = default)
    {
        var (row, register) = await StoredRiskRegister.LoadAsync(db, tracked: true, cancellationToken);
        StoredRiskRegister.CheckVersion(row, version);
        var matrix = Build(input, register.Matrix);
        if (matrix.Validate() is { Count: > 0 } problems)
        {
            throw new InputException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")));
        }

        var changed = register with { Matrix = matrix };
        await StoredRiskRegister.CheckAsync(db, changed, cancellationToken);
        return await StoredRiskRegister.SaveAsync(db, clock, row, changed,
            new AuditEntry(actor, Zones.WorkspaceStore.OrganisationSite, "risk.matrix.update", "risk/matrix",
                StoredRiskRegister.Json(register.Matrix), StoredRiskRegister.Json(matrix)), cancellationToken);
    }

    private static RiskMatrix Build(Input input, RiskMatrix current)
    {
        IReadOnlyList<string> Names(string field, IReadOnlyList<string>? names) =>
            names is null ? throw new InputException($"{field}: required") : [.. names.Select(n => n?.Trim() ?? "")];
        var likelihood = Names("likelihood", input.Likelihood);
        var impact = Names("impact", input.Impact);
        var bands = Names("bands", input.Bands);
        foreach (var (field, names) in new[] { ("likelihood", likelihood), ("impact", impact), ("bands", bands) })
        {
            if (names.Any(string.IsNullOrEmpty))
            {
                throw new InputException($"{field}: a step has no name");
            }
        }

        if (string.IsNullOrWhiteSpace(input.Tolerable))
        {
            throw new InputException("tolerable: required (the highest tolerable band)");
        }

        var categories = current.Categories;
        if (input.Categories is { } names2)
        {
            var parsed = new List<ImpactCategory>();
            foreach (var name in names2)
            {
                parsed.Add(ImpactCategoryNames.TryParse(name, out var category)
                    ? category
                    : throw new InputException($"categories: '{name}' is not one of {ImpactCategoryNames.AllWireNames}"));
            }

            categories = parsed;
        }

        return new RiskMatrix
        {
            Likelihood = likelihood,
            Impact = impact,
            Bands = bands,
            Cells = input.Cells is null ? throw new InputException("cells: required (one row of bands per likelihood step)") : [.. input.Cells.Select(r => (IReadOnlyList<string>)[.. (r ?? []).Select(b => b?.Trim() ?? "")])],
            Tolerable = input.Tolerable.Trim(),
            Categories = categories,
        };
    }
}
