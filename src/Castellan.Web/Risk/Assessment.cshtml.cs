using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Risk;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Risk;

/// <summary>One assessment's ZCR workflow: record the next step, approve (ZCR 7). Security managers of the site only.</summary>
[Authorize(Policy = Policies.SiteManageSecurity)]
public sealed class AssessmentModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public string Site { get; private set; } = "";

    public ShowSiteRisk.AssessmentView Assessment { get; private set; } = null!;

    public IReadOnlyList<ShowSiteRisk.RiskView> Scenarios { get; private set; } = [];

    public long Version { get; private set; }

    public string? Error { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string site, string assessment, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        return await LoadAsync(site, assessment, cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostStepAsync(string site, string assessment, long version, int zcr, string? note, CancellationToken cancellationToken) =>
        EditAsync(site, assessment, () => new RecordRiskStep(db, clock).RunAsync(WebClaims.Actor(User), site, assessment, zcr, note, version, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(string site, string assessment, long version, string? note, CancellationToken cancellationToken) =>
        EditAsync(site, assessment, () => new ApproveRiskAssessment(db, clock).RunAsync(WebClaims.Actor(User), site, assessment, note, version, cancellationToken), cancellationToken);

    private async Task<IActionResult> EditAsync(string site, string assessment, Func<Task<long>> edit, CancellationToken cancellationToken)
    {
        try
        {
            await edit();
            return Redirect($"/sites/{Uri.EscapeDataString(site)}/risk/assessments/{Uri.EscapeDataString(assessment)}?saved=true");
        }
        catch (Exception e) when (Refusal.Of(e) is { } refusal)
        {
            if (refusal.IsNotFound)
            {
                return NotFound();
            }

            (Error, Response.StatusCode) = (refusal.Message, refusal.Status);
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(site, assessment, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string site, string assessment, CancellationToken cancellationToken)
    {
        ShowSiteRisk.SiteRisk risk;
        try
        {
            risk = await new ShowSiteRisk(db).RunAsync(site, cancellationToken);
        }
        catch (UsageException)
        {
            return false;
        }

        if (risk.Assessments.FirstOrDefault(a => a.Id == assessment) is not { } found)
        {
            return false;
        }

        (Site, Assessment, Version) = (site, found, risk.Version);
        Scenarios = [.. risk.Risks.Where(r => r.Assessment == assessment)];
        return true;
    }
}
