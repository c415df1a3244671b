using Castellan.Core.Assets;
using Castellan.Core.Common;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Assets;

/// <summary>The site's assets: paged, sorted and filtered at the database.</summary>
[Authorize(Policy = Policies.SiteRead)]
public sealed class AssetListModel(ListAssets list, IAuthorizationService authorization) : PageModel
{
    public string Site { get; private set; } = "";

    public ListAssets.Page Assets { get; private set; } = new([], 1, ListAssets.DefaultPageSize, 0, "id", null, null);

    public IReadOnlyList<(string Id, string Name)> Zones { get; private set; } = [];

    public string? Message { get; private set; }

    public bool CanImport { get; private set; }

    public async Task OnGetAsync(string site, int? size, string? sort, string? zone, string? q, CancellationToken cancellationToken)
    {
        // "page" is a Razor Pages route value (the page's name), so the page number is read from the query itself.
        int? page = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
        Site = site;
        Zones = await list.ZonesAsync(site, cancellationToken);
        CanImport = (await authorization.AuthorizeAsync(User, HttpContext, Policies.SiteEditOtModel)).Succeeded;
        try
        {
            Assets = await list.RunAsync(site, new ListAssets.Query(page ?? 1, size ?? ListAssets.DefaultPageSize, sort ?? "id", zone, q), cancellationToken);
        }
        catch (InputException e)
        {
            Message = e.Message;
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>The list's address with one parameter changed, keeping the others.</summary>
    public string Link(int? page = null, string? sort = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["page"] = (page ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["size"] = Assets.Size == ListAssets.DefaultPageSize ? null : Assets.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sort"] = sort ?? Assets.Sort,
            ["zone"] = Assets.Zone,
            ["q"] = Assets.Text,
        };
        return $"/sites/{Uri.EscapeDataString(Site)}/assets?" + string.Join('&', query.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    /// <summary>Clicking a column sorts by it; clicking the sorted column reverses it.</summary>
    public string SortLink(string key) => Link(1, Assets.Sort == key ? "-" + key : key);

    public string SortMark(string key) => Assets.Sort == key ? " ▲" : Assets.Sort == "-" + key ? " ▼" : "";
}
