using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Risk;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Risk;

/// <summary>The organisation's risk matrix and tolerable line, read-only.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class MatrixModel(CastellanDbContext db) : PageModel
{
    public ShowSiteRisk.MatrixView Matrix { get; private set; } = null!;

    public long Version { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            (Matrix, Version) = await new ShowSiteRisk(db).MatrixAsync(cancellationToken);
        }
        catch (UsageException)
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>The CSS colour class (0 green … 4 dark red) of a band, spread like the heat map's palette.</summary>
    public int Colour(int band) => Matrix.Bands.Count <= 1 ? 0 : (int)Math.Round(band * 4.0 / (Matrix.Bands.Count - 1));
}
