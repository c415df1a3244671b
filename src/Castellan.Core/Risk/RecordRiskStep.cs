using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Risk;

namespace Castellan.Core.Risk;

/// <summary>
/// Records that a step of the IEC 62443-3-2 workflow was done for an assessment (ZCR 1 SUC … 6 documentation), by whom
/// and when. Steps go in order: a step is recorded once, after the one before it. ZCR 7 is the approval
/// (<see cref="ApproveRiskAssessment"/>); once approved, the assessment takes no further steps.
/// </summary>
public sealed class RecordRiskStep(CastellanDbContext db, TimeProvider clock)
{
    public async Task<long> RunAsync(string actor, string site, string assessmentId, int zcr, string? note, long version, CancellationToken cancellationToken = default)
    {
        var scope = await SiteRiskScope.LoadAsync(db, site, cancellationToken);
        var (row, register) = await StoredRiskRegister.LoadAsync(db, tracked: true, cancellationToken);
        var assessment = scope.Assessment(register, assessmentId);
        StoredRiskRegister.CheckVersion(row, version);
        if (zcr is < 1 or > 6)
        {
            throw new InputException($"zcr: {zcr} is not a step to record here; steps are ZCR 1–6 and ZCR 7 is the approval");
        }

        if (ShowSiteRisk.Approval(assessment) is { } approval)
        {
            throw new InputException($"zcr: assessment '{assessmentId}' was approved by {approval.By} on {approval.Date:yyyy-MM-dd}; it takes no further steps");
        }

        if (assessment.Steps.Any(s => s.Zcr == zcr))
        {
            throw new InputException($"zcr: ZCR {zcr} is already recorded for assessment '{assessmentId}'");
        }

        if (zcr > 1 && assessment.Steps.All(s => s.Zcr != zcr - 1))
        {
            throw new InputException($"zcr: record ZCR {zcr - 1} before ZCR {zcr}");
        }

        var step = new WorkflowStep(zcr, actor, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        var changed = register with
        {
            Assessments = [.. register.Assessments.Select(a => ReferenceEquals(a, assessment) ? a with { Steps = [.. a.Steps.Append(step).OrderBy(s => s.Zcr)] } : a)],
        };
        return await StoredRiskRegister.SaveAsync(db, clock, row, changed,
            new AuditEntry(actor, site, "risk.step.record", $"risk/assessment/{assessmentId}", null, StoredRiskRegister.Json(step)), cancellationToken);
    }
}
