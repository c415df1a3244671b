using System.Net;
using Castellan.Domain.Accounts;
using Castellan.Web.Tests.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.Hosting;

public sealed class SecurityTests
{
    [Fact]
    public async Task Headers_OnPublicAndSignedInPages()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var login = await host.Anonymous().GetAsync("/account/login");
        var csp = login.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("style-src 'self'");
        login.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=31536000");
        login.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        login.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");

        var browser = await host.BrowserAsync("alice", (WebTestHost.SiteA, SiteRole.Auditor));
        foreach (var path in new[] { "/", "/account", "/account/tokens", $"/sites/{WebTestHost.SiteA}", "/api/v1/me" })
        {
            var response = await browser.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue(path);
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(csp);
        }

        (await browser.GetStringAsync("/account")).ShouldNotContain("style=");
    }

    [Fact]
    public async Task SignInPage_AnswersTooManyRequests_AfterTheLimit()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        await host.CreateUserAsync("someone", (WebTestHost.SiteA, SiteRole.Auditor)); // else the page sends to first-run setup
        var client = host.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            statuses.Add((await client.GetAsync("/account/login")).StatusCode);
        }

        statuses.Take(20).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses[20].ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetStringAsync("/healthz")).ShouldNotBeNull(); // other paths are not limited
    }

    [Fact]
    public async Task FiveFailures_LockTheAccount_AndTheLockoutIsAudited()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        await host.CreateUserAsync("mallory-target", (WebTestHost.SiteA, SiteRole.Auditor));
        var client = host.Anonymous();
        var bodies = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var failed = await WebTestHost.PostFormAsync(client, "/account/login", new() { ["userName"] = "mallory-target", ["password"] = $"wrong password {i}" });
            failed.StatusCode.ShouldBe(HttpStatusCode.OK);
            bodies.Add(await failed.Content.ReadAsStringAsync());
        }

        bodies.Take(4).ShouldAllBe(b => b.Contains("User name or password is not right."));
        bodies[4].ShouldContain("locked for 15 minutes");
        var right = await WebTestHost.PostFormAsync(client, "/account/login", new() { ["userName"] = "mallory-target", ["password"] = WebTestHost.Password });
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).ShouldContain("locked for 15 minutes");

        (await AccountPageTests.AuditAsync(host, "user/mallory-target")).ShouldBe(["user.add:ok", "account.sign-in:refused", "account.sign-in:refused"]);
    }

    [Fact]
    public async Task AnUnexpectedError_NeverShowsAStackTrace()
    {
        await using var host = await WebTestHost.StartAsync("sqlite", services => services.AddScoped<IAuthorizationHandler, Explodes>());
        var browser = await host.BrowserAsync("alice", (WebTestHost.SiteA, SiteRole.Auditor));
        foreach (var path in new[] { $"/sites/{WebTestHost.SiteA}", "/api/v1/me" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(Explodes.Header, "1");
            var response = await browser.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError, path);
            body.ShouldContain("Something went wrong");
            body.ShouldNotContain(Explodes.Secret);
            body.ShouldNotContain(" at Castellan");
            body.ShouldNotContain(".cs:line");
            response.Headers.GetValues("Content-Security-Policy").ShouldNotBeEmpty();
        }
    }

    /// <summary>Throws, with a message that must not leak, when a request carries <see cref="Header"/>.</summary>
    private sealed class Explodes(IHttpContextAccessor? accessor = null) : IAuthorizationHandler
    {
        public const string Header = "X-Test-Explode";
        public const string Secret = "/srv/castellan/secret-path.db";

        public Task HandleAsync(AuthorizationHandlerContext context) =>
            (context.Resource as HttpContext ?? accessor?.HttpContext)?.Request.Headers.ContainsKey(Header) == true
                ? throw new InvalidOperationException("cannot open " + Secret)
                : Task.CompletedTask;
    }
}
