using System.Text.Json;
using Castellan.Core.Assets;
using Castellan.Core.Common;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Castellan.Web.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Assets;

/// <summary>
/// Inventory import in two steps, each a job (100,000 rows take seconds; the request only queues them and the user
/// watches the job page): upload → preview (row by row: added, changed, unchanged, refused; the file is staged in the
/// database, no asset changes), then confirm → exactly the staged file is applied, all or nothing, audited.
/// </summary>
[Authorize(Policy = Policies.SiteEditOtModel)]
public sealed class AssetImportModel(ImportInventory import, StartJob start) : PageModel
{
    public string Site { get; private set; } = "";

    public string? Message { get; private set; }

    public void OnGet(string site) => Site = site;

    public async Task<IActionResult> OnPostPreviewAsync(string site, IFormFile? file, CancellationToken cancellationToken)
    {
        Site = site;
        try
        {
            Uploads.Check(file, "file", Uploads.MaxSpreadsheetBytes, AssetsApi.InventoryExtensions);
            var content = await AssetsApi.ReadAsync(file!, cancellationToken);
            var job = await start.RunAsync(User, site, InventoryPreviewJob.Name, inputName: Path.GetFileName(file!.FileName), inputContent: content,
                cancellationToken: cancellationToken);
            return Redirect(JobLinks.Page(site, job));
        }
        catch (InputException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostApplyAsync(string site, string key, int added, int changed, int unchanged, CancellationToken cancellationToken)
    {
        Site = site;
        if (!await import.IsStagedAsync(site, key ?? "", cancellationToken))
        {
            Message = $"There is no staged inventory '{key}' for this site (already applied, or never previewed); upload the file again.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var job = await start.RunAsync(User, site, InventoryApplyJob.Name, inputKey: key,
            inputJson: JsonSerializer.Serialize(new InventoryApplyJob.Expected(added, changed, unchanged), JsonSerializerOptions.Web), cancellationToken: cancellationToken);
        return Redirect(JobLinks.Page(site, job));
    }
}
