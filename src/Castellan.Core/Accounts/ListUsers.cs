using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Accounts;

/// <summary>One page of accounts, ordered by user name, paged in SQL, with each account's grants.</summary>
public sealed class ListUsers(CastellanDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>Lockout ends this late mean an administrator disabled the account.</summary>
    public static readonly DateTimeOffset DisabledUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record Grant(string Site, string Role);

    /// <summary><paramref name="Status"/>: "active", "locked" (failed sign-ins, until LockedUntil) or "disabled".</summary>
    public sealed record User(string UserName, string Status, DateTimeOffset? LockedUntil, bool TwoFactor, DateTimeOffset CreatedAt, IReadOnlyList<Grant> Roles);

    public sealed record Page(IReadOnlyList<User> Users, int PageNumber, int PageSize, int Total);

    public async Task<Page> RunAsync(int page, int size, CancellationToken cancellationToken = default)
    {
        size = Math.Clamp(size, 1, MaxPageSize);
        page = Math.Max(page, 1);
        var total = await db.Users.CountAsync(cancellationToken);
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName).Skip((page - 1) * size).Take(size)
            .Select(u => new { u.Id, u.UserName, u.LockoutEnd, u.TwoFactorEnabled, u.CreatedAt })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var grants = (await db.SiteRoles.AsNoTracking().Where(r => ids.Contains(r.UserId)).Select(r => new { r.UserId, r.Site, r.Role }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId);
        var now = clock.GetUtcNow();
        var users = rows.Select(r => new User(r.UserName ?? r.Id, StatusOf(r.LockoutEnd, now), r.LockoutEnd > now ? r.LockoutEnd : null, r.TwoFactorEnabled, r.CreatedAt,
            [.. grants[r.Id].OrderBy(g => g.Site == SiteRoles.AllSites ? "" : g.Site, StringComparer.Ordinal).ThenBy(g => g.Role, StringComparer.Ordinal).Select(g => new Grant(g.Site, g.Role))]))
            .ToList();
        return new Page(users, page, size, total);
    }

    public static string StatusOf(DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnd is not { } end || end <= now ? "active" : end >= DisabledUntil ? "disabled" : "locked";
}
