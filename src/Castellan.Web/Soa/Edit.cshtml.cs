using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Domain.Soa;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Soa;

/// <summary>
/// Edits one control of the SoA (the rows of /soa post here). A stale version answers 409 with both versions side by
/// side — what is stored (theirs) and what was sent (yours) — and a form to apply yours over theirs knowingly.
/// </summary>
[Authorize(Policy = Policies.OrganisationManageSecurity)]
public sealed class SoaEditModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public StoredSoaEntry? Current { get; private set; }

    /// <summary>What the form shows: the stored entry on GET, the user's own fields after a refusal or conflict.</summary>
    public SoaApi.Entry? Form { get; private set; }

    public bool Conflict { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? control, CancellationToken cancellationToken)
    {
        try
        {
            Current = await new LoadSoa(db).FindAsync(control ?? "", cancellationToken);
        }
        catch (UsageException)
        {
            return NotFound();
        }

        Form = SoaApi.Entry.Of(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? control, long version, string? applicable, string? justification, string? implementation,
        string? owner, string? evidence, string? notes, CancellationToken cancellationToken)
    {
        bool? applies = applicable switch { "true" or "yes" => true, "false" or "no" => false, _ => null };
        var fields = new EditSoaEntry.Fields(applies, justification, implementation, owner, evidence, notes);
        try
        {
            var saved = await new EditSoaEntry(db, clock).RunAsync(WebClaims.Actor(User), control ?? "", fields, version, cancellationToken);
            return Redirect($"/soa?saved={Uri.EscapeDataString(saved.ControlId)}#{SoaPageModel.Anchor(saved.ControlId)}");
        }
        catch (EditConflictException)
        {
            Current = await new LoadSoa(db).FindAsync(control ?? "", cancellationToken);
            Conflict = true;
            // The form keeps yours and carries the stored version now: saving it again applies yours over theirs, knowingly.
            Form = new SoaApi.Entry(Current.ControlId, Current.Title, applies, justification, implementation, owner, evidence, notes, null, Current.Version);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (UsageException)
        {
            return NotFound();
        }
        catch (InputException e)
        {
            Current = await new LoadSoa(db).FindAsync(control ?? "", cancellationToken);
            Error = e.Message;
            Form = new SoaApi.Entry(Current.ControlId, Current.Title, applies, justification, implementation, owner, evidence, notes, null, version);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public static IReadOnlyList<(string Field, string? Value)> Fields(SoaApi.Entry? e) =>
    [
        ("applicable", e?.Applicable is { } a ? (a ? "yes" : "no") : "— (not stated)"),
        ("justification", e?.Justification),
        ("implementation", e?.Applicable == true ? e.Implementation : null),
        ("owner", e?.Owner),
        ("evidence", e?.Evidence),
        ("notes", e?.Notes),
    ];

    public static IReadOnlyList<string> Statuses { get; } = [.. Enum.GetValues<ImplementationStatus>().Reverse().Select(s => s.ToWire())];
}
