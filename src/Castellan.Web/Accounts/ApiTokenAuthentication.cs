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

    /// <summary>
    /// Every API request asks this: compiled (<see cref="PerModel{TQuery}"/>), so that a request neither builds the
    /// expression tree again nor has EF Core hash it to find the cached query.
    /// </summary>
    private static readonly PerModel<Func<CastellanDbContext, string, Task<TokenHolder?>>> TokenByHash = new(() => EF.CompileAsyncQuery(
        (CastellanDbContext db, string hash) => db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new TokenHolder(t.UserId, t.Name, t.Scope, t.ExpiresAt, t.RevokedAt, u.UserName, u.LockoutEnd))
            .FirstOrDefault()));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiTokens.HashOf(header["Bearer ".Length..].Trim());
        var token = await TokenByHash.For(db)(db, hash);
        var now = clock.GetUtcNow();
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || token.LockoutEnd > now)
        {
            return AuthenticateResult.Fail("the token is unknown, revoked or expired");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, token.UserId),
                new Claim(ClaimTypes.Name, token.UserName ?? token.UserId),
                new Claim(WebClaims.TokenName, token.Name),
                new Claim(WebClaims.TokenScope, token.Scope),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

/// <summary>A token and the account it belongs to, as authentication needs them.</summary>
internal sealed record TokenHolder(string UserId, string Name, string Scope, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, string? UserName, DateTimeOffset? LockoutEnd);
