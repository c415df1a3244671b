using System.Security.Claims;
using Castellan.Core.Accounts;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Castellan.Web.Account;

/// <summary>One's personal API tokens: list and revoke. Creating one is /account/tokens/new (rate limited).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TokensModel(CastellanDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ApiTokens.Listed> Tokens { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public string? Message { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostRevokeAsync(long key, CancellationToken cancellationToken)
    {
        Message = await new ApiTokens(db, clock).RevokeAsync(UserId, WebClaims.Actor(User), key, cancellationToken)
            ? "Token revoked: it no longer works."
            : "That token does not exist or was already revoked.";
        await LoadAsync(cancellationToken);
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Tokens = await new ApiTokens(db, clock).ListAsync(UserId, cancellationToken);
    }
}
