using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Risk;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Risk;

/// <summary>A site's risk register: scenarios against the tolerable line, the heat map, the ZCR workflow, SL-T per zone.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class SiteRiskModel(CastellanDbContext db, IAuthorizationService authorization) : PageModel
{
    public ShowSiteRisk.SiteRisk Risk { get; private set; } = null!;

    /// <summary>Whether to offer the edit and workflow pages (they check their own policy again).</summary>
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string site, CancellationToken cancellationToken)
    {
        try
        {
            Risk = await new ShowSiteRisk(db).RunAsync(site, cancellationToken);
        }
        catch (UsageException)
        {
            return NotFound();
        }

        CanManage = (await authorization.AuthorizeAsync(User, HttpContext, Policies.SiteManageSecurity)).Succeeded;
        return Page();
    }
}
