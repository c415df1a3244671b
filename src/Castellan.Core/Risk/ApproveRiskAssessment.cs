using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Risk;

namespace Castellan.Core.Risk;

/// <summary>
/// The asset owner's approval of an assessment (IEC 62443-3-2 ZCR 7), recorded in the register as the ZCR 7 step with
/// who and when. Approval needs the documented result (ZCR 6 recorded) and every residual risk at or below the
/// tolerable line or accepted by its risk owner (ISO/IEC 27001 6.1.3 f); an assessment is approved once.
/// Who may approve is the host's policy (a security manager of the site).
/// </summary>
public sealed class ApproveRiskAssessment(CastellanDbContext db, TimeProvider clock)
{
    public async Task<long> RunAsync(string actor, string site, string assessmentId, string? note, long version, CancellationToken cancellationToken = default)
    {
        var scope = await SiteRiskScope.LoadAsync(db, site, cancellationToken);
        var (row, register) = await StoredRiskRegister.LoadAsync(db, tracked: true, cancellationToken);
        var assessment = scope.Assessment(register, assessmentId);
        StoredRiskRegister.CheckVersion(row, version);
        if (ShowSiteRisk.Approval(assessment) is { } approval)
        {
            throw new InputException($"assessment: '{assessmentId}' is already approved by {approval.By} on {approval.Date:yyyy-MM-dd}");
        }

        if (assessment.Steps.All(s => s.Zcr != 6))
        {
            throw new InputException($"zcr: ZCR 6 (documentation of the cybersecurity requirements) is not recorded for '{assessmentId}'; record it before the approval");
        }

        var open = RiskRating.Rows(register with { Assessments = [assessment] }).Where(r => !r.ResidualTolerable && !r.Accepted).ToList();
        if (open.Count > 0)
        {
            var m = register.Matrix;
            throw new InputException(string.Join("; ", open.Select(r =>
                $"scenario {r.Scenario.Id}: treatment.acceptance: residual risk '{m.Bands[r.Residual.Band]}' is above the tolerable line '{m.Tolerable}' and not accepted by its risk owner")));
        }

        var step = new WorkflowStep(7, actor, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), string.IsNullOrWhiteSpace(note) ? "Approved" : note.Trim());
        var changed = register with
        {
            Assessments = [.. register.Assessments.Select(a => ReferenceEquals(a, assessment) ? a with { Steps = [.. a.Steps.Append(step).OrderBy(s => s.Zcr)] } : a)],
        };
        return await StoredRiskRegister.SaveAsync(db, clock, row, changed,
            new AuditEntry(actor, site, "risk.assessment.approve", $"risk/assessment/{assessmentId}", null, StoredRiskRegister.Json(step)), cancellationToken);
    }
}
