using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Catalogs;

/// <summary>One catalog's requirements: search and the SL filter, paged at the database.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RequirementsModel(CastellanDbContext db) : PageModel
{
    public const int PageSize = 50;

    public SearchRequirements.Page? Result { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string catalog, string? q, int? sl, int? page, CancellationToken cancellationToken)
    {
        var search = new SearchRequirements(db);
        try
        {
            Result = await search.RunAsync(catalog, q, sl, page ?? 1, PageSize, cancellationToken);
        }
        catch (UsageException)
        {
            return NotFound();
        }
        catch (InputException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Result = await search.RunAsync(catalog, q, null, 1, PageSize, cancellationToken);
        }

        return Page();
    }
}
