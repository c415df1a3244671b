using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Soa;

/// <summary>
/// The Statement of Applicability: the 93 Annex A controls (a fixed, small set: read whole), each row an inline form
/// for those who may edit (it posts to /soa/edit with the version it shows).
/// </summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class SoaPageModel(CastellanDbContext db, IAuthorizationService authorization) : PageModel
{
    public StoredSoa Soa { get; private set; } = new([]);

    public bool CanEdit { get; private set; }

    /// <summary>The control just saved (from the redirect after an edit).</summary>
    public string? Saved { get; private set; }

    public async Task OnGetAsync(string? saved, CancellationToken cancellationToken)
    {
        Soa = await new LoadSoa(db).RunAsync(cancellationToken);
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.OrganisationManageSecurity)).Succeeded;
        Saved = Soa.Controls.Any(c => c.ControlId == saved) ? saved : null;
    }

    /// <summary>An HTML id for a control: "A.5.15" → "c-A-5-15".</summary>
    public static string Anchor(string controlId) => "c-" + controlId.Replace('.', '-');
}
