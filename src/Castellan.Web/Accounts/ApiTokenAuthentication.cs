using System.Security.Claims;
using System.Text.Encodings.Web;
using Castellan.Core.Accounts;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Castellan.Web.Accounts;

/// <summary>`Authorization: Bearer cst_…`: a personal API token, looked up by its hash; expired or revoked tokens fail.</summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CastellanDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiTokens.HashOf(header["Bearer ".Length..].Trim());
        var token = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Select(t => new { t.UserId, t.Name, t.Scope, t.ExpiresAt, t.RevokedAt, User = db.Users.Where(u => u.Id == t.UserId).Select(u => new { u.UserName, u.LockoutEnd }).First() })
            .FirstOrDefaultAsync(Context.RequestAborted);
        var now = clock.GetUtcNow();
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || token.User.LockoutEnd > now)
        {
            return AuthenticateResult.Fail("the token is unknown, revoked or expired");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, token.UserId),
                new Claim(ClaimTypes.Name, token.User.UserName ?? token.UserId),
                new Claim(WebClaims.TokenName, token.Name),
                new Claim(WebClaims.TokenScope, token.Scope),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
