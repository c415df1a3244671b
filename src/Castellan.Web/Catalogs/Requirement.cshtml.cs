using Castellan.Core.Common;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Catalogs;

/// <summary>The mapping explorer: one requirement and everything mapped to it in either direction, with provenance.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RequirementModel(WebOptions options) : PageModel
{
    public CatalogsApi.RequirementDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string catalog, string requirement, CancellationToken cancellationToken)
    {
        try
        {
            Detail = await CatalogsApi.DetailAsync(options.Database, catalog, requirement, cancellationToken);
        }
        catch (UsageException)
        {
            return NotFound();
        }

        return Page();
    }
}
