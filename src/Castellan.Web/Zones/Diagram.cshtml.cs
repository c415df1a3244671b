using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Zones;

/// <summary>The Purdue diagram: the page embeds the SVG the API draws (ZoneDiagram), so both show the same drawing.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class DiagramModel : PageModel
{
    public string Site { get; private set; } = "";

    public void OnGet(string site) => Site = site;
}
