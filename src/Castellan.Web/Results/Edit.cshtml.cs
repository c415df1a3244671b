using Castellan.Core.Common;
using Castellan.Core.Results;
using Castellan.Web.Assets;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Results;

/// <summary>
/// One requirement result of a zone: read it (site:read), record or change it and upload evidence (site:assess, checked
/// per handler: a reader who posts gets 404 like any other request outside its grants).
/// </summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class ResultEditModel(ShowResult show, RecordResult record, UploadEvidence upload, IAuthorizationService authorization) : PageModel
{
    public string Site { get; private set; } = "";

    public ShowResult.Outcome? Result { get; private set; }

    public bool CanAssess { get; private set; }

    public string? Message { get; private set; }

    public string? Saved { get; private set; }

    /// <summary>The other person's version, when a save conflicted.</summary>
    public ResultView? Theirs { get; private set; }

    /// <summary>What this user tried to save, kept in the form after a conflict or a refusal.</summary>
    public RecordResult.Input? Yours { get; private set; }

    public async Task<IActionResult> OnGetAsync(string site, string zone, string requirement, CancellationToken cancellationToken) =>
        await LoadAsync(site, zone, requirement, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRecordAsync(string site, string zone, string requirement, string? status, string? countermeasure, string? rationale,
        string? evidence, string? assessor, DateOnly? assessed, long? version, CancellationToken cancellationToken)
    {
        if (!await MayAssessAsync())
        {
            return NotFound();
        }

        var input = new RecordResult.Input(status, countermeasure, rationale, evidence, assessor, assessed, version);
        try
        {
            await record.RunAsync(site, zone, requirement, input, WebClaims.Actor(User), cancellationToken);
            Saved = "Result saved.";
        }
        catch (EditConflictException e)
        {
            (Message, Yours) = (e.Message, input);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (UsageException)
        {
            return NotFound();
        }
        catch (InputException e)
        {
            (Message, Yours) = (e.Message, input);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        if (!await LoadAsync(site, zone, requirement, cancellationToken))
        {
            return NotFound();
        }

        // After a conflict the freshly read result is theirs; the form keeps yours and now names their version.
        Theirs = Response.StatusCode == StatusCodes.Status409Conflict ? Result!.Result : null;
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(string site, string zone, string requirement, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await MayAssessAsync())
        {
            return NotFound();
        }

        try
        {
            Uploads.Check(file, "file", Uploads.MaxEvidenceBytes, ResultsApi.EvidenceExtensions);
            var stored = await upload.RunAsync(site, zone, requirement, file!.FileName, await AssetsApi.ReadAsync(file, cancellationToken), WebClaims.Actor(User), cancellationToken);
            Saved = $"Stored {stored.FileName} (SHA-256 {stored.Sha256}).";
        }
        catch (UsageException)
        {
            return NotFound();
        }
        catch (InputException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await LoadAsync(site, zone, requirement, cancellationToken) ? Page() : NotFound();
    }

    public string DownloadLink(long key) => ResultsApi.DownloadPath(Site, Result!.Zone, Result.Result.Requirement, key);

    private async Task<bool> MayAssessAsync() => (await authorization.AuthorizeAsync(User, HttpContext, Policies.SiteAssess)).Succeeded;

    private async Task<bool> LoadAsync(string site, string zone, string requirement, CancellationToken cancellationToken)
    {
        Site = site;
        try
        {
            Result = await show.RunAsync(site, zone, requirement, cancellationToken);
        }
        catch (UsageException)
        {
            return false;
        }

        CanAssess = await MayAssessAsync();
        return true;
    }
}
