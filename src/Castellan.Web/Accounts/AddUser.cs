using Castellan.Core.Accounts;
using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Accounts;

/// <summary>Creates an account with its site grants, in one transaction with its audit record.</summary>
public sealed class AddUser(UserManager<UserRow> users, CastellanDbContext db, TimeProvider clock)
{
    public sealed record Grant(string Site, SiteRole Role);

    public async Task<UserRow> RunAsync(string userName, string password, IReadOnlyList<Grant> grants, string actor, Func<Task>? inTransaction = null, CancellationToken cancellationToken = default)
    {
        if (grants.Count == 0)
        {
            throw new InputException("role: give the account at least one role");
        }

        foreach (var site in grants.Select(g => g.Site).Where(s => s != SiteRoles.AllSites).Distinct())
        {
            if (!await db.WorkspaceObjects.AnyAsync(o => o.Site == site && o.Kind == "site", cancellationToken))
            {
                throw new InputException($"site: no site '{site}' in the database");
            }
        }

        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        if (inTransaction is not null)
        {
            await inTransaction();
        }

        var user = new UserRow { UserName = userName, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InputException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        foreach (var grant in grants.Distinct())
        {
            db.SiteRoles.Add(new SiteRoleRow { UserId = user.Id, Site = grant.Site, Role = grant.Role.ToWire() });
        }

        var after = System.Text.Json.JsonSerializer.Serialize(new { userName, roles = grants.Select(g => $"{g.Role.ToWire()}@{g.Site}") });
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, grants.Count == 1 && grants[0].Site != SiteRoles.AllSites ? grants[0].Site : "",
            "user.add", $"user/{userName}", null, after), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }
}
