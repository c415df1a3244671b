using System.Security.Cryptography;
using System.Text;
using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Accounts;

/// <summary>
/// Personal API tokens: 256 random bits, shown once as "cst_…"; only the SHA-256 is stored (a token is a random key,
/// not a password, so a fast hash is the right tool). Scoped "read" or "write", expiring after at most a year.
/// </summary>
public sealed class ApiTokens(CastellanDbContext db, TimeProvider clock)
{
    public const string Prefix = "cst_";
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    public sealed record Created(string Token, ApiTokenRow Row);

    public sealed record Listed(long Key, string Name, string Prefix, string Scope, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

    public static string HashOf(string token) => Sha256Hex.Of(Encoding.UTF8.GetBytes(token));

    public async Task<Created> CreateAsync(string userId, string actor, string name, string scope, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 128)
        {
            throw new InputException("name: 1 to 128 characters");
        }

        if (scope is not ("read" or "write"))
        {
            throw new InputException($"scope: '{scope}' is neither 'read' nor 'write'");
        }

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new InputException($"expiry: between 1 and {MaxLifetime.TotalDays:0} days");
        }

        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        if (await db.ApiTokens.AnyAsync(t => t.UserId == userId && t.Name == name, cancellationToken))
        {
            throw new InputException($"name: you already have a token called '{name}'");
        }

        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var row = new ApiTokenRow
        {
            UserId = userId, Name = name, Prefix = token[..10], Hash = HashOf(token), Scope = scope, CreatedAt = now, ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(row);
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, "", "token.create", $"token/{name}", null,
            $$"""{"name":{{Json(name)}},"scope":"{{scope}}","expiresAt":"{{row.ExpiresAt:O}}"}"""), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Created(token, row);
    }

    public async Task<IReadOnlyList<Listed>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Name)
            .Select(t => new Listed(t.Key, t.Name, t.Prefix, t.Scope, t.CreatedAt, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string userId, string actor, long key, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        var row = await db.ApiTokens.FirstOrDefaultAsync(t => t.Key == key && t.UserId == userId, cancellationToken);
        if (row is null || row.RevokedAt is not null)
        {
            return false;
        }

        row.RevokedAt = clock.GetUtcNow();
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, "", "token.revoke", $"token/{row.Name}", null, null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value, AuditJson.Default.String);
}
