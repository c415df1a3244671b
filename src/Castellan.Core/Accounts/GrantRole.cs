using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Accounts;

/// <summary>Grants a role on a site (or on "*", every site) to an existing account, with its audit record.</summary>
public sealed class GrantRole(CastellanDbContext db, TimeProvider clock)
{
    /// <summary>True when the grant was added; false when the account already held it (nothing written).</summary>
    public async Task<bool> RunAsync(string userName, string site, SiteRole role, string actor, CancellationToken cancellationToken = default)
    {
        site = site.Trim();
        if (site.Length == 0)
        {
            throw new InputException("site: give a site id, or * for every site");
        }

        if (site != SiteRoles.AllSites && !await db.WorkspaceObjects.AnyAsync(o => o.Site == site && o.Kind == "site", cancellationToken))
        {
            throw new InputException($"site: no site '{site}' in the database");
        }

        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var userId = await AccountLookup.UserIdAsync(db, userName, cancellationToken);
        var wire = role.ToWire();
        if (await db.SiteRoles.AnyAsync(r => r.UserId == userId && r.Site == site && r.Role == wire, cancellationToken))
        {
            return false;
        }

        db.SiteRoles.Add(new SiteRoleRow { UserId = userId, Site = site, Role = wire });
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, AccountLookup.AuditSite(site), "role.grant", $"user/{userName}", null,
            AccountLookup.GrantJson(site, wire)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>Removes a role grant, with its audit record. The last administrator grant on "*" stays: someone must be able to administer.</summary>
public sealed class RevokeRole(CastellanDbContext db, TimeProvider clock)
{
    public async Task RunAsync(string userName, string site, SiteRole role, string actor, CancellationToken cancellationToken = default)
    {
        var wire = role.ToWire();
        var trail = new AuditTrail(clock);
        var entry = new AuditEntry(actor, AccountLookup.AuditSite(site), "role.revoke", $"user/{userName}", AccountLookup.GrantJson(site, wire), null);
        await using (var transaction = await db.Database.BeginWriteAsync(cancellationToken))
        {
            var userId = await AccountLookup.UserIdAsync(db, userName, cancellationToken);
            var row = await db.SiteRoles.FirstOrDefaultAsync(r => r.UserId == userId && r.Site == site && r.Role == wire, cancellationToken)
                ?? throw new UsageException($"user '{userName}' holds no role {wire} on {site}");

            // The audit append locks the chain head first, so two administrators revoking each other at once
            // (even through two server instances) are serialised and the count below cannot go stale.
            await trail.AppendAsync(db, entry, cancellationToken);
            if (site == SiteRoles.AllSites && role == SiteRole.Administrator && await AccountLookup.ActiveAdministratorsAsync(db, clock, userId, cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            else
            {
                db.SiteRoles.Remove(row);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
        }

        await trail.AppendAloneAsync(db, entry with { Outcome = AuditOutcome.Refused }, cancellationToken);
        throw new InputException(AccountLookup.LastAdministratorMessage(userName));
    }
}

/// <summary>Lookups shared by the account use cases.</summary>
public static class AccountLookup
{
    public static string LastAdministratorMessage(string userName) =>
        $"role: '{userName}' holds the last administrator role on every site (*); grant it to another active account first";

    /// <summary>The account's id; an unknown name is a 404.</summary>
    public static async Task<string> UserIdAsync(CastellanDbContext db, string userName, CancellationToken cancellationToken)
    {
        var normalized = userName.ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UsageException($"no user '{userName}'");
    }

    /// <summary>
    /// Accounts other than <paramref name="exceptUserId"/> holding admin on "*" and not locked out. The lockout end is
    /// compared in memory: EF on SQLite cannot compare DateTimeOffset in SQL (there are few administrators).
    /// </summary>
    public static async Task<int> ActiveAdministratorsAsync(CastellanDbContext db, TimeProvider clock, string exceptUserId, CancellationToken cancellationToken)
    {
        var admin = SiteRole.Administrator.ToWire();
        var ends = await db.SiteRoles.Where(r => r.Site == SiteRoles.AllSites && r.Role == admin && r.UserId != exceptUserId)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => u.LockoutEnd)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return ends.Count(end => end is null || end <= now);
    }

    /// <summary>Grants on "*" are organisation-wide: their records belong to no site.</summary>
    public static string AuditSite(string site) => site == SiteRoles.AllSites ? "" : site;

    public static string GrantJson(string site, string role) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["site"] = site, ["role"] = role });
}
