using Castellan.Core.Accounts;
using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Accounts;

/// <summary>Lifts a lockout (failed sign-ins or a disabled account) and clears the failure count.</summary>
public sealed class UnlockUser(UserManager<UserRow> users, CastellanDbContext db, TimeProvider clock)
{
    public async Task RunAsync(string userName, string actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(userName) ?? throw new UsageException($"no user '{userName}'");
        var before = ListUsers.StatusOf(user.LockoutEnd, clock.GetUtcNow());
        await AuditedChange.RunAsync(db, clock, new AuditEntry(actor, "", "user.unlock", $"user/{userName}", Status(before), Status("active")), async () =>
        {
            var result = await users.SetLockoutEndDateAsync(user, null);
            return result.Succeeded ? await users.ResetAccessFailedCountAsync(user) : result;
        }, cancellationToken);
    }

    internal static string Status(string status) => $$"""{"status":"{{status}}"}""";
}

/// <summary>
/// Disables an account: a lockout that never ends, and a new security stamp so its sessions end at their next
/// validation; its API tokens stop working at once (token sign-in checks the lockout). The last active administrator
/// on "*" cannot be disabled.
/// </summary>
public sealed class DisableUser(UserManager<UserRow> users, CastellanDbContext db, TimeProvider clock)
{
    public async Task RunAsync(string userName, string actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(userName) ?? throw new UsageException($"no user '{userName}'");
        var before = ListUsers.StatusOf(user.LockoutEnd, clock.GetUtcNow());
        var entry = new AuditEntry(actor, "", "user.disable", $"user/{userName}", UnlockUser.Status(before), UnlockUser.Status("disabled"));
        var admin = SiteRole.Administrator.ToWire();
        var isAdministrator = await db.SiteRoles.AnyAsync(r => r.UserId == user.Id && r.Site == SiteRoles.AllSites && r.Role == admin, cancellationToken);
        var lastAdministrator = false;
        try
        {
            await AuditedChange.RunAsync(db, clock, entry, async () =>
            {
                // Checked after the append took the chain head's lock: concurrent disables are serialised.
                if (isAdministrator && await AccountLookup.ActiveAdministratorsAsync(db, clock, user.Id, cancellationToken) == 0)
                {
                    lastAdministrator = true;
                    return IdentityResult.Failed(new IdentityError { Description = AccountLookup.LastAdministratorMessage(userName) });
                }

                user.LockoutEnabled = true;
                var result = await users.SetLockoutEndDateAsync(user, ListUsers.DisabledUntil);
                return result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
            }, cancellationToken);
        }
        catch (InputException) when (lastAdministrator)
        {
            await new AuditTrail(clock).AppendAloneAsync(db, entry with { Outcome = AuditOutcome.Refused }, cancellationToken);
            throw;
        }
    }
}
