using Castellan.Core.Mappings;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Catalogs;

[Authorize(Policy = Policies.SignedIn)]
public sealed class MappingSetsModel(WebOptions options) : PageModel
{
    public IReadOnlyList<ListMappingSets.Item> Sets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Sets = await new ListMappingSets(options.Database).RunAsync(cancellationToken);
}
