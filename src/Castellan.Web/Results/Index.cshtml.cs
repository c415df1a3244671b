using Castellan.Core.Common;
using Castellan.Core.Results;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Results;

/// <summary>The IEC 62443-3-3 requirements a zone's SL-T calls for, with their results and the SL-A they achieve.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class ZoneResultsModel(ReadZoneResults read) : PageModel
{
    public string Site { get; private set; } = "";

    public ReadZoneResults.Outcome? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(string site, string zone, CancellationToken cancellationToken)
    {
        Site = site;
        try
        {
            Results = await read.RunAsync(site, zone, cancellationToken);
            return Page();
        }
        catch (UsageException)
        {
            return NotFound();
        }
    }

    public string EditLink(string requirement) =>
        $"/sites/{Uri.EscapeDataString(Site)}/zones/{Uri.EscapeDataString(Results!.Zone.Id)}/results/{Uri.EscapeDataString(requirement)}";
}
