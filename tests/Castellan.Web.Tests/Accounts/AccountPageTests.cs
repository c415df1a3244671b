using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.Accounts;

public sealed partial class AccountPageTests
{
    private const string Site = WebTestHost.SiteA;

    [Fact]
    public void Totp_MatchesTheRfc6238TestVector()
    {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890", T = 59 s → 94287082 (the 6-digit code is its tail).
        Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)).ShouldBe("287082");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SecondFactor_EnrolSignInWithCodeAndRecoveryCode_ThenDisable(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var browser = await host.BrowserAsync("alice", (Site, SiteRole.Auditor));

        var account = await browser.GetStringAsync("/account");
        account.ShouldContain("auditor");
        account.ShouldContain(Site);
        account.ShouldContain("Not enabled");

        var keyPage = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account", [], "/account?handler=key"));
        var key = KeyField().Match(keyPage).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        key.Length.ShouldBeGreaterThanOrEqualTo(16);
        keyPage.ShouldContain($"otpauth://totp/Castellan:alice?secret={key.ToUpperInvariant()}&amp;issuer=Castellan");

        var wrong = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account", new() { ["code"] = WrongCode(key) }, "/account?handler=enable"));
        wrong.ShouldContain("does not match");
        wrong.ShouldContain("Verify and enable"); // the key is still shown to try again

        var enabled = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account", new() { ["code"] = Totp.Code(key, TimeProvider.System.GetUtcNow()) }, "/account?handler=enable"));
        enabled.ShouldContain("Second factor enabled");
        var recovery = RecoveryCode().Matches(enabled).Select(m => m.Groups[1].Value).ToList();
        recovery.Count.ShouldBe(10);
        (await browser.GetStringAsync("/account")).ShouldNotContain(recovery[0]); // shown once
        (await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account", [], "/account?handler=key"))).ShouldContain("already enabled; disable it first");

        // Password alone no longer signs in: the code step follows; a code from the next time step is accepted.
        var other = host.Anonymous();
        var step = await ReadAsync(await WebTestHost.PostFormAsync(other, "/account/login", new() { ["userName"] = "alice", ["password"] = WebTestHost.Password }));
        step.ShouldContain("Authenticator code");
        (await other.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Found);
        var badCode = await ReadAsync(await WebTestHost.PostFormAsync(other, "/account/login", new() { ["userName"] = "alice", ["code"] = WrongCode(key) }));
        badCode.ShouldContain("not valid");
        var signedIn = await WebTestHost.PostFormAsync(other, "/account/login", new() { ["userName"] = "alice", ["code"] = Totp.Code(key, TimeProvider.System.GetUtcNow().AddSeconds(30)) });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await other.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var third = host.Anonymous();
        await WebTestHost.PostFormAsync(third, "/account/login", new() { ["userName"] = "alice", ["password"] = WebTestHost.Password });
        (await WebTestHost.PostFormAsync(third, "/account/login", new() { ["userName"] = "alice", ["code"] = recovery[3] })).StatusCode.ShouldBe(HttpStatusCode.Found);

        var disabled = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account", [], "/account?handler=disable"));
        disabled.ShouldContain("Second factor disabled");
        (await WebTestHost.PostFormAsync(host.Anonymous(), "/account/login", new() { ["userName"] = "alice", ["password"] = WebTestHost.Password })).StatusCode.ShouldBe(HttpStatusCode.Found);

        var actions = await AuditAsync(host, "user/alice");
        actions.ShouldContain("account.2fa-key:ok");
        actions.ShouldContain("account.2fa-enable:refused");
        actions.ShouldContain("account.2fa-enable:ok");
        actions.ShouldContain("account.2fa-disable:ok");
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentOne_ThenTheNewOneSignsIn()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var browser = await host.BrowserAsync("bob", (Site, SiteRole.Assessor));
        const string next = "another long passphrase";

        var wrong = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account", new() { ["current"] = "not it at all", ["password"] = next, ["confirm"] = next }, "/account?handler=password"));
        wrong.ShouldContain("Incorrect password");
        var differ = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account", new() { ["current"] = WebTestHost.Password, ["password"] = next, ["confirm"] = next + "x" }, "/account?handler=password"));
        differ.ShouldContain("password: the two new passwords differ");
        var shortOne = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account", new() { ["current"] = WebTestHost.Password, ["password"] = "short", ["confirm"] = "short" }, "/account?handler=password"));
        shortOne.ShouldContain("at least 12 characters");

        (await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account", new() { ["current"] = WebTestHost.Password, ["password"] = next, ["confirm"] = next }, "/account?handler=password")))
            .ShouldContain("Password changed.");
        (await browser.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK); // the session survives its own change
        (await WebTestHost.PostFormAsync(host.Anonymous(), "/account/login", new() { ["userName"] = "bob", ["password"] = WebTestHost.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebTestHost.PostFormAsync(host.Anonymous(), "/account/login", new() { ["userName"] = "bob", ["password"] = next })).StatusCode.ShouldBe(HttpStatusCode.Found);
        (await AuditAsync(host, "user/bob")).Count(a => a == "account.password:ok").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Tokens_CreatedOnceListedRevoked_RefusalsAudited(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var browser = await host.BrowserAsync("carol", (Site, SiteRole.OtEngineer));

        var created = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account/tokens/new", new() { ["name"] = "ci", ["scope"] = "write", ["expiresInDays"] = "30" }));
        created.ShouldContain("shown only once");
        var token = TokenValue().Match(created).Value;
        token.ShouldStartWith("cst_");

        var list = await browser.GetStringAsync("/account/tokens");
        list.ShouldContain("ci");
        list.ShouldContain(token[..10]);
        list.ShouldNotContain(token);
        list.ShouldContain("write");

        var api = host.Anonymous();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await api.GetStringAsync("/api/v1/me")).ShouldContain("\"tokenScope\":\"write\"");

        var tooLong = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account/tokens/new", new() { ["name"] = "year", ["scope"] = "read", ["expiresInDays"] = "400" }));
        tooLong.ShouldContain("expiry: between 1 and 365 days");
        var badScope = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account/tokens/new", new() { ["name"] = "x", ["scope"] = "admin", ["expiresInDays"] = "3" }));
        WebUtility.HtmlDecode(badScope).ShouldContain("scope: 'admin' is neither");
        var duplicate = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account/tokens/new", new() { ["name"] = "ci", ["scope"] = "read", ["expiresInDays"] = "3" }));
        WebUtility.HtmlDecode(duplicate).ShouldContain("already have a token called 'ci'");
        (await api.PostAsJsonAsync("/api/v1/tokens", new { name = "from-token", scope = "read" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var key = RevokeKey().Match(list).Groups[1].Value;
        var revoked = await ReadAsync(await WebTestHost.PostFormAsync(browser, "/account/tokens", new() { ["key"] = key }, "/account/tokens?handler=revoke"));
        revoked.ShouldContain("Token revoked");
        revoked.ShouldContain("revoked ");
        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var actions = await AuditAsync(host, null);
        actions.Count(a => a == "token.create:refused").ShouldBe(4);
        actions.ShouldContain("token.create:ok");
        actions.ShouldContain("token.revoke:ok");
    }

    [Fact]
    public async Task TokenCreation_IsRateLimited()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var browser = await host.BrowserAsync("dave", (Site, SiteRole.Auditor));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            // The antiforgery token comes from /account, so only the creations count against the limit.
            statuses.Add((await WebTestHost.PostFormAsync(browser, "/account", new() { ["name"] = $"t{i}", ["scope"] = "read", ["expiresInDays"] = "1" }, "/account/tokens/new")).StatusCode);
        }

        statuses.Take(10).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses[10].ShouldBe(HttpStatusCode.TooManyRequests);
    }

    internal static async Task<List<string>> AuditAsync(WebTestHost host, string? target)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CastellanDbContext>();
        return await db.AuditRecords.Where(r => target == null || r.Target == target).OrderBy(r => r.Sequence).Select(r => r.Action + ":" + r.Outcome).ToListAsync();
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    /// <summary>A code valid for no nearby time step.</summary>
    private static string WrongCode(string key)
    {
        var now = TimeProvider.System.GetUtcNow();
        var valid = Enumerable.Range(-3, 7).Select(i => Totp.Code(key, now.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    [GeneratedRegex("<code class=\"key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyField();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("cst_[A-Za-z0-9_-]{20,}")]
    private static partial Regex TokenValue();

    [GeneratedRegex("name=\"key\" value=\"(\\d+)\"")]
    private static partial Regex RevokeKey();
}
