using Castellan.Core.Assets;
using Castellan.Core.Common;
using Castellan.Domain.Assets;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Assets;

/// <summary>One asset of the site.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class AssetDetailModel(ShowAsset show) : PageModel
{
    public string Site { get; private set; } = "";

    public Asset? Asset { get; private set; }

    public long Version { get; private set; }

    public async Task<IActionResult> OnGetAsync(string site, string asset, CancellationToken cancellationToken)
    {
        Site = site;
        try
        {
            var found = await show.RunAsync(site, asset, cancellationToken);
            (Asset, Version) = (found.Asset, found.Version);
            return Page();
        }
        catch (UsageException)
        {
            return NotFound();
        }
    }
}
