using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Risk;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Risk;

/// <summary>Edit one threat scenario's treatment and residual risk. Security managers of the site only.</summary>
[Authorize(Policy = Policies.SiteManageSecurity)]
public sealed class ScenarioModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public string Site { get; private set; } = "";

    public ShowSiteRisk.RiskView Scenario { get; private set; } = null!;

    public ShowSiteRisk.MatrixView Matrix { get; private set; } = null!;

    public long Version { get; private set; }

    public string? Error { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string site, string scenario, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        return await LoadAsync(site, scenario, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string site, string scenario, long version, string? decision, string? controls, string? owner, DateOnly? due,
        string? residualLikelihood, string? residualImpact, CancellationToken cancellationToken)
    {
        try
        {
            var input = new EditRiskTreatment.Input(decision, (controls ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                owner, due, residualLikelihood, residualImpact);
            await new EditRiskTreatment(db, clock).RunAsync(WebClaims.Actor(User), site, scenario, input, version, cancellationToken);
            return Redirect($"/sites/{Uri.EscapeDataString(site)}/risk/scenarios/{Uri.EscapeDataString(scenario)}?saved=true");
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
        return await LoadAsync(site, scenario, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string site, string scenario, CancellationToken cancellationToken)
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

        if (risk.Risks.FirstOrDefault(r => r.Id == scenario) is not { } found)
        {
            return false;
        }

        (Site, Scenario, Matrix, Version) = (site, found, risk.Matrix, risk.Version);
        return true;
    }
}
