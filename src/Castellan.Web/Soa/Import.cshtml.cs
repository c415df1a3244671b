using Castellan.Core.Common;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Castellan.Web.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Soa;

/// <summary>Replaces the stored SoA with a CSV/XLSX file, all or nothing, as a job; its page shows what became of every row.</summary>
[Authorize(Policy = Policies.OrganisationManageSecurity)]
public sealed class SoaImportModel(StartJob start) : PageModel
{
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        try
        {
            Uploads.Check(file, "file", Uploads.MaxSpreadsheetBytes, ".csv", ".xlsx");
            var job = await start.RunAsync(User, "", SoaImportJob.Name, inputName: Path.GetFileName(file!.FileName),
                inputContent: await SoaApi.ReadAsync(file, cancellationToken), cancellationToken: cancellationToken);
            return Redirect(JobLinks.Page("", job));
        }
        catch (InputException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
