using Castellan.Core.Accounts;
using Castellan.Core.Audit;
using Castellan.Core.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Castellan.Web.Account;

/// <summary>Password sign-in, then the TOTP code when the account has a second factor. Rate limited per address; lockout after 5 failures.</summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.AccountSetup.SignInLimit)]
public sealed class LoginModel(SignInManager<UserRow> signIn, CastellanDbContext db, TimeProvider clock) : PageModel
{
    public string? Message { get; private set; }

    public string? UserName { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public bool NeedsCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        if (await new SetupCodes(db).NeededAsync(HttpContext.RequestAborted))
        {
            return Redirect("/account/setup");
        }

        ReturnUrl = Safe(returnUrl);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? code, string? returnUrl)
    {
        ReturnUrl = Safe(returnUrl);
        UserName = userName;
        if (code is not null)
        {
            // Six digits: the authenticator app's code; anything else: one of the recovery codes shown at enrolment.
            var typed = code.Replace(" ", "", StringComparison.Ordinal);
            var second = typed.Length == 6 && typed.All(char.IsAsciiDigit)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(typed, isPersistent: false, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(typed);
            if (second.Succeeded)
            {
                return LocalRedirect(ReturnUrl);
            }

            if (second.IsLockedOut)
            {
                await RecordLockoutAsync(userName, "second factor");
            }

            NeedsCode = !second.IsLockedOut;
            Message = second.IsLockedOut ? "Too many failed attempts: the account is locked for 15 minutes." : "That code is not valid. Try the current one.";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(userName ?? "", password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            NeedsCode = true;
            return Page();
        }

        if (result.IsLockedOut)
        {
            await RecordLockoutAsync(userName, "password");
        }

        Message = result.IsLockedOut ? "Too many failed attempts: the account is locked for 15 minutes." : "User name or password is not right.";
        return Page();
    }

    /// <summary>
    /// A sign-in refused because the account is locked (the attempt that locked it, and any while it stays locked) is
    /// audited: repeated failures are what an administrator needs to see. Plain wrong passwords are not recorded, so
    /// anonymous visitors cannot fill the trail (the rate limit bounds these records too).
    /// </summary>
    private Task RecordLockoutAsync(string? userName, string step)
    {
        var name = (userName ?? "").Length > 200 ? userName![..200] : userName ?? "";
        return new AuditTrail(clock).AppendAloneAsync(db, new AuditEntry($"anonymous:{HttpContext.Connection.RemoteIpAddress?.ToString() ?? "local"}", "", "account.sign-in",
            $"user/{name}", null, $$"""{"step":"{{step}}","lockedOut":true}""", AuditOutcome.Refused), HttpContext.RequestAborted);
    }

    /// <summary>Only local paths: an open redirect would let a phishing link bounce through Castellan.</summary>
    private string Safe(string? returnUrl) => returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
