using Castellan.Core.Accounts;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Web.Accounts;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Administration;

/// <summary>Accounts, paged at the database: grant and revoke roles per site, unlock, disable. Every change is audited.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class UsersModel(CastellanDbContext db, TimeProvider clock, UnlockUser unlock, DisableUser disable) : PageModel
{
    public const int PageSize = 50;

    public ListUsers.Page Users { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<string> Sites { get; private set; } = [];

    public IReadOnlyList<string> RoleNames { get; } = [.. Enum.GetValues<SiteRole>().Select(r => r.ToWire())];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public Task OnGetAsync(int? p, CancellationToken cancellationToken) => LoadAsync(p, cancellationToken);

    public Task OnPostGrantAsync(string user, string? site, string? role, int? p, CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            var added = await new GrantRole(db, clock).RunAsync(user, site ?? "", UsersApi.ParseRole(role), WebClaims.Actor(User), cancellationToken);
            return added ? $"Granted {role} on {site} to {user}." : $"{user} already holds {role} on {site}.";
        }, p, cancellationToken);

    public Task OnPostRevokeAsync(string user, string site, string role, int? p, CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            await new RevokeRole(db, clock).RunAsync(user, site, UsersApi.ParseRole(role), WebClaims.Actor(User), cancellationToken);
            return $"Revoked {role} on {site} from {user}.";
        }, p, cancellationToken);

    public Task OnPostUnlockAsync(string user, int? p, CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            await unlock.RunAsync(user, WebClaims.Actor(User), cancellationToken);
            return $"{user} can sign in again.";
        }, p, cancellationToken);

    public Task OnPostDisableAsync(string user, int? p, CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            await disable.RunAsync(user, WebClaims.Actor(User), cancellationToken);
            return $"{user} is disabled: no sign-in, and its API tokens no longer work.";
        }, p, cancellationToken);

    private async Task ChangeAsync(Func<Task<string>> change, int? page, CancellationToken cancellationToken)
    {
        try
        {
            Message = await change();
        }
        catch (Exception e) when (e is InputException or UsageException)
        {
            Error = e.Message;
            Response.StatusCode = e is UsageException ? 404 : 400;
        }

        db.ChangeTracker.Clear();
        await LoadAsync(page, cancellationToken);
    }

    private async Task LoadAsync(int? page, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(page ?? 1, 1);
        Users = await new ListUsers(db, clock).RunAsync(PageNumber, PageSize, cancellationToken);
        Sites = [SiteRoles.AllSites, .. await db.WorkspaceObjects.AsNoTracking().Where(o => o.Kind == "site").OrderBy(o => o.Position).ThenBy(o => o.Site).Select(o => o.Site).ToListAsync(cancellationToken)];
    }
}
