using Castellan.Core.Assets;
using Castellan.Core.Common;
using Castellan.Core.Results;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Assets;

/// <summary>
/// Inventory import in two steps: upload → preview (row by row: added, changed, unchanged, refused; the file is staged in
/// the database, no asset changes), then confirm → exactly the staged file is applied, all or nothing, audited.
/// </summary>
[Authorize(Policy = Policies.SiteEditOtModel)]
public sealed class AssetImportModel(ImportInventory import) : PageModel
{
    public string Site { get; private set; } = "";

    public ImportInventory.Preview? Preview { get; private set; }

    public ImportInventory.Preview? Applied { get; private set; }

    public string? StageKey { get; private set; }

    public string? Message { get; private set; }

    public void OnGet(string site) => Site = site;

    public async Task<IActionResult> OnPostPreviewAsync(string site, IFormFile? file, CancellationToken cancellationToken)
    {
        Site = site;
        try
        {
            Uploads.Check(file, "file", Uploads.MaxSpreadsheetBytes, AssetsApi.InventoryExtensions);
            var content = await AssetsApi.ReadAsync(file!, cancellationToken);
            Preview = await import.PreviewAsync(site, file!.FileName, content, cancellationToken: cancellationToken);
            if (Preview.CanApply && Preview.Added + Preview.Changed > 0)
            {
                StageKey = await import.StageAsync(site, file.FileName, content, WebClaims.Actor(User), cancellationToken);
            }
        }
        catch (InputException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string site, string key, int added, int changed, int unchanged, CancellationToken cancellationToken)
    {
        Site = site;
        try
        {
            Applied = await import.ApplyStagedAsync(site, key, WebClaims.Actor(User), new ImportInventory.Preview("", "", added, changed, unchanged, 0, []), cancellationToken: cancellationToken);
        }
        catch (StaleEditException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (UsageException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        catch (InputException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
