using Castellan.Core.Accounts;
using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Castellan.Web.Accounts;

/// <summary>
/// TOTP second factor (RFC 6238, what authenticator apps speak) with Identity's authenticator token provider: a new
/// shared key, enabling once a code from the app proves the key was stored, recovery codes shown once, disabling.
/// Every step that changes the account writes its audit record in the same transaction.
/// </summary>
public sealed class SecondFactor(UserManager<UserRow> users, CastellanDbContext db, TimeProvider clock)
{
    public const string Issuer = "Castellan";
    public const int RecoveryCodeCount = 10;

    /// <summary>The shared key (base32) as stored, and the otpauth:// URI an authenticator app reads.</summary>
    public sealed record Key(string Shared, string Formatted, string Uri);

    /// <summary>A fresh key; the second factor stays off until <see cref="EnableAsync"/> accepts a code made with it.</summary>
    public async Task<Key> NewKeyAsync(UserRow user, string actor, CancellationToken cancellationToken = default)
    {
        if (user.TwoFactorEnabled)
        {
            // A new key while enabled would silently invalidate the app the person signs in with.
            throw new InputException("second factor: already enabled; disable it first to move to another authenticator app");
        }

        await AuditedChange.RunAsync(db, clock, new AuditEntry(actor, "", "account.2fa-key", $"user/{user.UserName}", null, null),
            () => users.ResetAuthenticatorKeyAsync(user), cancellationToken);
        return await KeyAsync(user) ?? throw new InvalidOperationException("the authenticator key was not stored");
    }

    public async Task<Key?> KeyAsync(UserRow user) =>
        await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key ? new Key(key, Format(key), UriOf(user.UserName ?? user.Id, key)) : null;

    /// <summary>Enables the second factor when <paramref name="code"/> is valid for the key; returns the recovery codes (shown once).</summary>
    public async Task<IReadOnlyList<string>> EnableAsync(UserRow user, string code, string actor, CancellationToken cancellationToken = default)
    {
        if (await KeyAsync(user) is null)
        {
            throw new InputException("code: set up an authenticator key first");
        }

        code = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await new AuditTrail(clock).AppendAloneAsync(db, new AuditEntry(actor, "", "account.2fa-enable", $"user/{user.UserName}", null, null, AuditOutcome.Refused), cancellationToken);
            throw new InputException("code: that code does not match the key; check the authenticator app's clock and enter the current code");
        }

        IEnumerable<string>? codes = null;
        await AuditedChange.RunAsync(db, clock, new AuditEntry(actor, "", "account.2fa-enable", $"user/{user.UserName}", """{"twoFactor":false}""", """{"twoFactor":true}"""), async () =>
        {
            var result = await users.SetTwoFactorEnabledAsync(user, true);
            if (result.Succeeded)
            {
                codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
            }

            return result;
        }, cancellationToken);
        return [.. codes ?? []];
    }

    /// <summary>New recovery codes (the old ones stop working), shown once.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(UserRow user, string actor, CancellationToken cancellationToken = default)
    {
        if (!user.TwoFactorEnabled)
        {
            throw new InputException("recovery codes: enable the second factor first");
        }

        IEnumerable<string>? codes = null;
        await AuditedChange.RunAsync(db, clock, new AuditEntry(actor, "", "account.recovery-codes", $"user/{user.UserName}", null, null), async () =>
        {
            codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
            return IdentityResult.Success;
        }, cancellationToken);
        return [.. codes ?? []];
    }

    /// <summary>Turns the second factor off and forgets the key, so enabling again starts with a new key.</summary>
    public Task DisableAsync(UserRow user, string actor, CancellationToken cancellationToken = default) =>
        AuditedChange.RunAsync(db, clock, new AuditEntry(actor, "", "account.2fa-disable", $"user/{user.UserName}", """{"twoFactor":true}""", """{"twoFactor":false}"""), async () =>
        {
            var result = await users.SetTwoFactorEnabledAsync(user, false);
            return result.Succeeded ? await users.ResetAuthenticatorKeyAsync(user) : result;
        }, cancellationToken);

    /// <summary>Groups of four, lower case, as authenticator apps show keys typed by hand.</summary>
    public static string Format(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>Key URI format (Google Authenticator's, which every app reads): otpauth://totp/Issuer:account?secret=…&amp;issuer=…</summary>
    public static string UriOf(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
}

/// <summary>Changes one's own password (the current one is required), with its audit record.</summary>
public sealed class ChangePassword(UserManager<UserRow> users, CastellanDbContext db, TimeProvider clock)
{
    public Task RunAsync(UserRow user, string current, string next, string actor, CancellationToken cancellationToken = default) =>
        AuditedChange.RunAsync(db, clock, new AuditEntry(actor, "", "account.password", $"user/{user.UserName}", null, null),
            () => users.ChangePasswordAsync(user, current, next), cancellationToken);
}
