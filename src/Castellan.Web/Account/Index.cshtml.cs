using System.Security.Claims;
using Castellan.Core.Accounts;
using Castellan.Core.Common;
using Castellan.Domain.Accounts;
using Castellan.Web.Accounts;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Account;

/// <summary>One's own account: roles per site, password, the TOTP second factor and its recovery codes.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AccountModel(UserManager<UserRow> users, SignInManager<UserRow> signIn, UserGrants grants, SecondFactor secondFactor, ChangePassword changePassword) : PageModel
{
    public string UserName { get; private set; } = "";

    public IReadOnlyList<(string Site, string Role)> Roles { get; private set; } = [];

    public bool TwoFactorEnabled { get; private set; }

    /// <summary>Shown while enrolling: the key was just made and no code confirmed it yet.</summary>
    public SecondFactor.Key? NewKey { get; private set; }

    /// <summary>Shown once, right after they were generated.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(await CurrentAsync(), cancellationToken);

    public Task<IActionResult> OnPostPasswordAsync(string? current, string? password, string? confirm, CancellationToken cancellationToken) =>
        ChangeAsync(async user =>
        {
            if (password != confirm)
            {
                throw new InputException("password: the two new passwords differ");
            }

            await changePassword.RunAsync(user, current ?? "", password ?? "", WebClaims.Actor(User), cancellationToken);
            Message = "Password changed.";
        }, cancellationToken);

    public Task<IActionResult> OnPostKeyAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async user => NewKey = await secondFactor.NewKeyAsync(user, WebClaims.Actor(User), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string? code, CancellationToken cancellationToken) =>
        ChangeAsync(async user =>
        {
            try
            {
                RecoveryCodes = await secondFactor.EnableAsync(user, code ?? "", WebClaims.Actor(User), cancellationToken);
                Message = "Second factor enabled. Keep the recovery codes below somewhere safe: they are shown only now.";
            }
            catch (InputException)
            {
                NewKey = await secondFactor.KeyAsync(user);
                throw;
            }
        }, cancellationToken);

    public Task<IActionResult> OnPostRecoveryAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async user =>
        {
            RecoveryCodes = await secondFactor.NewRecoveryCodesAsync(user, WebClaims.Actor(User), cancellationToken);
            Message = "New recovery codes: the old ones no longer work. They are shown only now.";
        }, cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async user =>
        {
            await secondFactor.DisableAsync(user, WebClaims.Actor(User), cancellationToken);
            Message = "Second factor disabled.";
        }, cancellationToken);

    /// <summary>Runs a change; the security stamp changed with it, so the session cookie is renewed to stay valid.</summary>
    private async Task<IActionResult> ChangeAsync(Func<UserRow, Task> change, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        try
        {
            await change(user);
            user = await CurrentAsync();
            await signIn.RefreshSignInAsync(user);
        }
        catch (InputException e)
        {
            Error = e.Message;
            user = await CurrentAsync();
        }

        return await ShowAsync(user, cancellationToken);
    }

    private async Task<UserRow> CurrentAsync() =>
        await users.FindByIdAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!) ?? throw new InvalidOperationException("the signed-in account no longer exists");

    private async Task<IActionResult> ShowAsync(UserRow user, CancellationToken cancellationToken)
    {
        UserName = user.UserName ?? user.Id;
        TwoFactorEnabled = user.TwoFactorEnabled;
        Roles = [.. (await grants.ForUserAsync(user.Id, cancellationToken))
            .OrderBy(g => g.Site == SiteRoles.AllSites ? "" : g.Site, StringComparer.Ordinal)
            .Select(g => (g.Site == SiteRoles.AllSites ? "every site (*)" : g.Site, g.Role.ToWire()))];
        return Page();
    }
}
