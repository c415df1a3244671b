using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Zones;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Zones;

/// <summary>Edits a zone against the version the form was filled from; a conflict shows theirs and yours side by side.</summary>
[Authorize(Policy = Policies.SiteEditOtModel)]
public sealed class EditZoneModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public string Zone { get; private set; } = "";

    [BindProperty]
    public ZoneForm Form { get; set; } = new();

    public EditConflictException? Conflict { get; private set; }

    public IReadOnlyList<(string Field, string Theirs, string Yours)> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string site, string zone, CancellationToken cancellationToken)
    {
        Zone = zone;
        if (await new ListZones(db).FindAsync(site, zone, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Form = ZoneForm.Of(found.Value, found.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string site, string zone, CancellationToken cancellationToken)
    {
        Zone = zone;
        try
        {
            await new EditZone(db, clock).RunAsync(WebClaims.Actor(User), site, zone, Form.Version, Form.ToInput() with { Id = zone }, cancellationToken);
            return Redirect($"/sites/{site}/zones/{zone}");
        }
        catch (UsageException)
        {
            return NotFound();
        }
        catch (EditConflictException e)
        {
            Conflict = e;
            var theirs = ZoneForm.Of(WorkspaceJson.Deserialize<Zone>(e.TheirJson!), e.TheirVersion!.Value);
            Form.Id = zone;
            Differences = FormLists.Differences(theirs, Form);
            Form.Version = e.TheirVersion!.Value;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (InputException e) when (e is not UsageException)
        {
            FormLists.Add(ModelState, nameof(Form), e);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(string site, string zone, CancellationToken cancellationToken)
    {
        Zone = zone;
        try
        {
            await new DeleteZone(db, clock).RunAsync(WebClaims.Actor(User), site, zone, Form.Version, cancellationToken);
            return Redirect($"/sites/{site}/zones");
        }
        catch (EditConflictException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (InputException e) when (e is not UsageException)
        {
            ModelState.AddModelError("", e.Message);
        }

        return await OnGetAsync(site, zone, cancellationToken);
    }
}
