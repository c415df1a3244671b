using Castellan.Core.Catalogs;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Catalogs;

[Authorize(Policy = Policies.SignedIn)]
public sealed class CatalogsModel(WebOptions options) : PageModel
{
    public IReadOnlyList<ListCatalogs.Item> Catalogs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Catalogs = await new ListCatalogs(options.Database).RunAsync(cancellationToken);
}
