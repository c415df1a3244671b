using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Risk;

namespace Castellan.Core.Risk;

/// <summary>
/// Changes a threat scenario's treatment (ISO/IEC 27001 6.1.3: decision, controls, owner, due date) and its residual
/// likelihood and impact re-evaluated with it (IEC 62443-3-2 ZCR 5.9). A recorded risk-owner acceptance is kept.
/// The changed register must pass <see cref="RiskRegisterRules"/> (residual never above inherent, controls that are
/// Annex A or IEC 62443 ids); the refusal names the field.
/// </summary>
public sealed class EditRiskTreatment(CastellanDbContext db, TimeProvider clock)
{
    public sealed record Input(string? Decision, IReadOnlyList<string>? Controls, string? Owner, DateOnly? Due, string? ResidualLikelihood, string? ResidualImpact);

    public async Task<long> RunAsync(string actor, string site, string scenarioId, Input input, long version, CancellationToken cancellationToken = default)
    {
        var scope = await SiteRiskScope.LoadAsync(db, site, cancellationToken);
        var (row, register) = await StoredRiskRegister.LoadAsync(db, tracked: true, cancellationToken);
        var assessment = register.Assessments.FirstOrDefault(a => a.Scenarios.Any(s => s.Id == scenarioId && scope.Covers(s)))
            ?? throw new UsageException($"no threat scenario '{scenarioId}' on site '{site}'");
        StoredRiskRegister.CheckVersion(row, version);
        var before = assessment.Scenarios.First(s => s.Id == scenarioId);
        if (!TreatmentDecisionNames.TryParse(input.Decision, out var decision))
        {
            throw new InputException($"decision: '{input.Decision}' is not one of {string.Join(", ", Enum.GetValues<TreatmentDecision>().Select(d => d.ToWire()))}");
        }

        if (string.IsNullOrWhiteSpace(input.ResidualLikelihood))
        {
            throw new InputException("residual.likelihood: required");
        }

        if (string.IsNullOrWhiteSpace(input.ResidualImpact))
        {
            throw new InputException("residual.impact: required");
        }

        var after = before with
        {
            ResidualLikelihood = input.ResidualLikelihood.Trim(),
            ResidualImpact = input.ResidualImpact.Trim(),
            Treatment = new Treatment
            {
                Decision = decision,
                Controls = [.. (input.Controls ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)],
                Owner = string.IsNullOrWhiteSpace(input.Owner) ? null : input.Owner.Trim(),
                Due = input.Due,
                Acceptance = before.Treatment?.Acceptance,
            },
        };
        var changed = register with
        {
            Assessments = [.. register.Assessments.Select(a => ReferenceEquals(a, assessment) ? a with { Scenarios = [.. a.Scenarios.Select(s => ReferenceEquals(s, before) ? after : s)] } : a)],
        };
        await StoredRiskRegister.CheckAsync(db, changed, cancellationToken);
        return await StoredRiskRegister.SaveAsync(db, clock, row, changed,
            new AuditEntry(actor, site, "risk.treatment.update", $"risk/scenario/{scenarioId}", StoredRiskRegister.Json(before), StoredRiskRegister.Json(after)), cancellationToken);
    }
}
