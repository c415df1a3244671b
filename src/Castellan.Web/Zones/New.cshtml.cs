using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Zones;

[Authorize(Policy = Policies.SiteEditOtModel)]
public sealed class NewZoneModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public string Site { get; private set; } = "";

    [BindProperty]
    public ZoneForm Form { get; set; } = new() { Purdue = "2" };

    public void OnGet(string site) => Site = site;

    public async Task<IActionResult> OnPostAsync(string site, CancellationToken cancellationToken)
    {
        Site = site;
        try
        {
            var created = await new CreateZone(db, clock).RunAsync(WebClaims.Actor(User), site, Form.ToInput(), cancellationToken);
            return Redirect($"/sites/{site}/zones/{created.Value.Id}");
        }
        catch (InputException e) when (e is not UsageException)
        {
            FormLists.Add(ModelState, nameof(Form), e);
            return Page();
        }
    }
}
