using System.Security.Claims;
using Castellan.Core.Accounts;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Web.Accounts;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Castellan.Web.Account;

/// <summary>Creates a personal API token and shows its secret once. Rate limited per address; refusals are audited.</summary>
[Authorize(Policy = Policies.SignedIn)]
[EnableRateLimiting(AccountSetup.TokenLimit)]
public sealed class NewTokenModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public string Name { get; private set; } = "";

    public string Scope { get; private set; } = "read";

    public int ExpiresInDays { get; private set; } = 90;

    public ApiTokens.Created? Created { get; private set; }

    public string? Error { get; private set; }

    public async Task OnPostAsync(string? name, string? scope, int? expiresInDays, CancellationToken cancellationToken)
    {
        Name = name ?? "";
        Scope = scope ?? "";
        ExpiresInDays = expiresInDays ?? 0;
        try
        {
            Created = await new ApiTokens(db, clock).CreateAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, WebClaims.Actor(User), Name, Scope,
                TimeSpan.FromDays(Math.Clamp(ExpiresInDays, 0, 100_000)), cancellationToken);
        }
        catch (InputException e)
        {
            Error = e.Message;
            await TokenRefusals.RecordAsync(db, clock, WebClaims.Actor(User), Name, e.Message, cancellationToken);
        }
    }
}
