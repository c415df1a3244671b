using Castellan.Domain.Accounts;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests;

public sealed class EndpointPolicyTests
{
    [Fact]
    public async Task EveryEndpoint_DeclaresThePolicyTheMatrixSays()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var endpoints = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        endpoints.Count.ShouldBeGreaterThan(10);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var key = KeyOf(endpoint);
            if (!seen.Add(key))
            {
                continue; // Razor Pages register "/x" and "/x/Index"-style aliases with the same metadata
            }

            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var declared = anonymous ? AuthorizationMatrix.Anonymous : policies.Count == 1 ? policies[0] : null;
            if (declared is null)
            {
                problems.Add($"{key}: declares {(policies.Count == 0 ? "no policy" : $"{policies.Count} policies")}");
            }
            else if (!AuthorizationMatrix.Expected.TryGetValue(key, out var expected))
            {
                problems.Add($"{key}: not in AuthorizationMatrix (declares {declared})");
            }
            else if (expected != declared)
            {
                problems.Add($"{key}: declares {declared}, the matrix says {expected}");
            }
        }

        foreach (var missing in AuthorizationMatrix.Expected.Keys.Where(k => !seen.Contains(k)))
        {
            problems.Add($"{missing}: in the matrix but no such endpoint");
        }

        problems.ShouldBeEmpty();
    }

    /// <summary>The role × access table, written out by hand: what each role may do on a site it holds.</summary>
    [Theory]
    [InlineData(SiteRole.Administrator, "read edit-ot-model assess manage-security read-audit administer")]
    [InlineData(SiteRole.SecurityManager, "read edit-ot-model assess manage-security read-audit")]
    [InlineData(SiteRole.Assessor, "read assess")]
    [InlineData(SiteRole.OtEngineer, "read edit-ot-model")]
    [InlineData(SiteRole.Auditor, "read read-audit")]
    public async Task SitePolicies_FollowTheRoleTable_OnTheirSiteOnly(SiteRole role, string allowed)
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var userId = await host.CreateUserAsync("u-" + role.ToWire(), (WebTestHost.SiteA, role));
        await using var scope = host.App.Services.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, userId), new(System.Security.Claims.ClaimTypes.Name, "u")], "test"));
        foreach (var access in Enum.GetValues<Access>())
        {
            var own = await authorization.AuthorizeAsync(user, OnSite(scope.ServiceProvider, WebTestHost.SiteA), Policies.Site(access));
            var other = await authorization.AuthorizeAsync(user, OnSite(scope.ServiceProvider, WebTestHost.SiteB), Policies.Site(access));
            var organisation = await authorization.AuthorizeAsync(user, OnSite(scope.ServiceProvider, null), Policies.Organisation(access));
            own.Succeeded.ShouldBe(allowed.Split(' ').Contains(access.ToWire()), $"{role} {access} on own site");
            other.Succeeded.ShouldBeFalse($"{role} {access} on another site");
            organisation.Succeeded.ShouldBe(access == Access.Read, $"{role} {access} organisation-wide with a single-site grant");
        }
    }

    private static DefaultHttpContext OnSite(IServiceProvider services, string? site)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        if (site is not null)
        {
            context.Request.RouteValues["site"] = site;
        }

        return context;
    }

    public static string KeyOf(RouteEndpoint endpoint)
    {
        var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        {
            return $"PAGE {pattern}";
        }

        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
        return $"{string.Join(",", methods)} {pattern}";
    }
}
