using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Web.Authorization;
using Castellan.Web.Zones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Conduits;

[Authorize(Policy = Policies.SiteEditOtModel)]
public sealed class EditConduitModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public string Conduit { get; private set; } = "";

    public IReadOnlyList<string> Zones { get; private set; } = [];

    [BindProperty]
    public ConduitForm Form { get; set; } = new();

    public EditConflictException? Conflict { get; private set; }

    public IReadOnlyList<(string Field, string Theirs, string Yours)> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string site, string conduit, CancellationToken cancellationToken)
    {
        Conduit = conduit;
        var list = new ListConduits(db);
        if (await list.FindAsync(site, conduit, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Form = ConduitForm.Of(found.Value, found.Version);
        Zones = await list.ZoneIdsAsync(site, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string site, string conduit, CancellationToken cancellationToken)
    {
        Conduit = conduit;
        Zones = await new ListConduits(db).ZoneIdsAsync(site, cancellationToken);
        try
        {
            await new EditConduit(db, clock).RunAsync(WebClaims.Actor(User), site, conduit, Form.Version, Form.ToInput() with { Id = conduit }, cancellationToken);
            return Redirect($"/sites/{site}/conduits/{conduit}");
        }
        catch (UsageException)
        {
            return NotFound();
        }
        catch (EditConflictException e)
        {
            Conflict = e;
            Form.Id = conduit;
            Differences = FormLists.Differences(ConduitForm.Of(WorkspaceJson.Deserialize<Domain.Zones.Conduit>(e.TheirJson!), e.TheirVersion!.Value), Form);
            Form.Version = e.TheirVersion!.Value;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (InputException e)
        {
            FormLists.Add(ModelState, nameof(Form), e);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(string site, string conduit, CancellationToken cancellationToken)
    {
        try
        {
            await new DeleteConduit(db, clock).RunAsync(WebClaims.Actor(User), site, conduit, Form.Version, cancellationToken);
            return Redirect($"/sites/{site}/conduits");
        }
        catch (UsageException)
        {
            return NotFound();
        }
        catch (EditConflictException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (InputException e)
        {
            ModelState.AddModelError("", e.Message);
        }

        return await OnGetAsync(site, conduit, cancellationToken);
    }
}
