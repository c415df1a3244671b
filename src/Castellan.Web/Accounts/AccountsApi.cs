using System.Security.Claims;
using Castellan.Core.Accounts;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Accounts;

/// <summary>/api/v1/me and /api/v1/tokens: who am I, and my personal API tokens (the secret is returned once).</summary>
internal static class AccountsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var me = api.MapGroup("").WithTags("Account");
        me.MapGet("/me", MeAsync).RequireAuthorization(Policies.SignedIn);
        me.MapGet("/tokens", ListTokensAsync).RequireAuthorization(Policies.SignedIn);
        me.MapPost("/tokens", CreateTokenAsync).RequireAuthorization(Policies.SignedIn).RequireRateLimiting(AccountSetup.TokenLimit);
        me.MapDelete("/tokens/{key:long}", RevokeTokenAsync).RequireAuthorization(Policies.SignedIn);
    }

    public sealed record Me(string UserName, IReadOnlyList<string> Roles, string? TokenScope);

    public sealed record NewToken(string Name, string Scope = "read", int ExpiresInDays = 90);

    public sealed record CreatedToken(string Token, string Name, string Scope, DateTimeOffset ExpiresAt);

    private static async Task<Ok<Me>> MeAsync(ClaimsPrincipal user, UserGrants grants, CancellationToken cancellationToken)
    {
        var held = await grants.ForUserAsync(UserId(user), cancellationToken);
        return TypedResults.Ok(new Me(user.Identity!.Name!, [.. held.Select(g => $"{Castellan.Domain.Accounts.SiteRoles.ToWire(g.Role)}@{g.Site}")], user.FindFirstValue(WebClaims.TokenScope)));
    }

    private static async Task<Ok<IReadOnlyList<ApiTokens.Listed>>> ListTokensAsync(ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new ApiTokens(db, clock).ListAsync(UserId(user), cancellationToken));

    private static async Task<Results<Created<CreatedToken>, ProblemHttpResult>> CreateTokenAsync(NewToken request, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(WebClaims.TokenScope) is not null)
        {
            await TokenRefusals.RecordAsync(db, clock, WebClaims.Actor(user), request.Name ?? "", "a token cannot create tokens", cancellationToken);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: "A token cannot create tokens; sign in.");
        }

        try
        {
            var created = await new ApiTokens(db, clock).CreateAsync(UserId(user), WebClaims.Actor(user), request.Name ?? "", request.Scope ?? "", TimeSpan.FromDays(request.ExpiresInDays), cancellationToken);
            return TypedResults.Created($"/api/v1/tokens/{created.Row.Key}", new CreatedToken(created.Token, created.Row.Name, created.Row.Scope, created.Row.ExpiresAt));
        }
        catch (InputException e)
        {
            await TokenRefusals.RecordAsync(db, clock, WebClaims.Actor(user), request.Name ?? "", e.Message, cancellationToken);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid token request", detail: e.Message);
        }
    }

    private static async Task<Results<NoContent, NotFound>> RevokeTokenAsync(long key, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await new ApiTokens(db, clock).RevokeAsync(UserId(user), WebClaims.Actor(user), key, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
