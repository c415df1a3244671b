using System.Security.Cryptography;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Accounts;

/// <summary>
/// The one-time code that proves the first administrator sits at the server's console: `serve` prints it while no
/// account exists; the setup page asks for it. Stored hashed in the database so any instance accepts the code another
/// printed; all codes are removed when the first administrator is created.
/// </summary>
public sealed class SetupCodes(CastellanDbContext db)
{
    private const string KeyPrefix = "setup-code:";

    public async Task<bool> NeededAsync(CancellationToken cancellationToken = default) => !await db.Users.AnyAsync(cancellationToken);

    /// <summary>A new code (printed by the caller) when no account exists yet; null otherwise.</summary>
    public async Task<string?> IssueAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var code = string.Join('-', Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 4)));
        db.Settings.Add(new SettingRow { Key = KeyPrefix + ApiTokens.HashOf(code)[..48], Value = "1" });
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>True when the code is one of the issued ones. Call inside the transaction that creates the administrator.</summary>
    public async Task<bool> ConsumeAsync(string code, CancellationToken cancellationToken = default)
    {
        var key = KeyPrefix + ApiTokens.HashOf(code.Trim().ToUpperInvariant())[..48];
        if (!await db.Settings.AnyAsync(s => s.Key == key, cancellationToken))
        {
            return false;
        }

        await db.Settings.Where(s => s.Key.StartsWith(KeyPrefix)).ExecuteDeleteAsync(cancellationToken);
        return true;
    }
}
