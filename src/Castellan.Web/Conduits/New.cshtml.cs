using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Web.Authorization;
using Castellan.Web.Zones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Conduits;

[Authorize(Policy = Policies.SiteEditOtModel)]
public sealed class NewConduitModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public string Site { get; private set; } = "";

    public IReadOnlyList<string> Zones { get; private set; } = [];

    [BindProperty]
    public ConduitForm Form { get; set; } = new();

    public async Task OnGetAsync(string site, CancellationToken cancellationToken)
    {
        Site = site;
        Zones = await new ListConduits(db).ZoneIdsAsync(site, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string site, CancellationToken cancellationToken)
    {
        try
        {
            var created = await new CreateConduit(db, clock).RunAsync(WebClaims.Actor(User), site, Form.ToInput(), cancellationToken);
            return Redirect($"/sites/{site}/conduits/{created.Value.Id}");
        }
        catch (InputException e) when (e is not UsageException)
        {
            FormLists.Add(ModelState, nameof(Form), e);
            await OnGetAsync(site, cancellationToken);
            return Page();
        }
    }
}
