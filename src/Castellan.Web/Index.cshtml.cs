using System.Security.Claims;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(UserGrants grants) : PageModel
{
    public IReadOnlyList<SiteSummary> Sites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Sites = await grants.ReadableSitesAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
}
