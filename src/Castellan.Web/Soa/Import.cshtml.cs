using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Soa;

/// <summary>Replaces the stored SoA with a CSV/XLSX file, all or nothing, and shows what became of every row.</summary>
[Authorize(Policy = Policies.OrganisationManageSecurity)]
public sealed class SoaImportModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public ImportSoa.Outcome? Outcome { get; private set; }

    public string? Error { get; private set; }

    public async Task OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        try
        {
            Uploads.Check(file, "file", Uploads.MaxSpreadsheetBytes, ".csv", ".xlsx");
            Outcome = await new ImportSoa(db, clock).RunAsync(WebClaims.Actor(User), Path.GetFileName(file!.FileName), await SoaApi.ReadAsync(file, cancellationToken), cancellationToken);
            if (!Outcome.Written)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        catch (InputException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
