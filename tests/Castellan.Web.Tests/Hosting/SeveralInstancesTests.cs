using System.Net;
using System.Text.RegularExpressions;
using Castellan.Core.Audit;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.Hosting;

/// <summary>Two server instances on one database: what one issues the other accepts, and concurrent writes keep the audit chain whole.</summary>
public sealed partial class SeveralInstancesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SessionAndToken_IssuedByOneInstance_AreAcceptedByTheOther(string provider)
    {
        await using var first = await WebTestHost.StartAsync(provider);
        await first.CreateUserAsync("alice", (WebTestHost.SiteA, SiteRole.OtEngineer));
        await using var second = await first.StartAnotherInstanceAsync();
        using var balancer = new WebTestHost.InstanceSwitch(first, second);
        using var browser = WebTestHost.SharedBrowser(balancer);

        (await WebTestHost.PostFormAsync(browser, "/account/login", new() { ["userName"] = "alice", ["password"] = WebTestHost.Password })).StatusCode.ShouldBe(HttpStatusCode.Found);
        balancer.Target = 1;
        (await browser.GetStringAsync("/account")).ShouldContain("ot-engineer");

        // A form rendered by instance 2 (its antiforgery token) posted to instance 1, with instance 1's session cookie.
        var html = await browser.GetStringAsync("/account/tokens/new");
        var antiforgery = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        balancer.Target = 0;
        var created = await browser.PostAsync("/account/tokens/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["name"] = "ci", ["scope"] = "read", ["expiresInDays"] = "7",
        }));
        var token = TokenValue().Match(await created.Content.ReadAsStringAsync()).Value;
        token.ShouldStartWith("cst_");

        var script = second.Anonymous();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await script.GetStringAsync("/api/v1/me")).ShouldContain("\"userName\":\"alice\"");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ParallelChanges_ThroughBothInstances_KeepTheAuditChainWhole(string provider)
    {
        await using var first = await WebTestHost.StartAsync(provider);
        await using var second = await first.StartAnotherInstanceAsync();
        var browsers = new[] { await first.BrowserAsync("alice", (WebTestHost.SiteA, SiteRole.Auditor)), await second.BrowserAsync("bob", (WebTestHost.SiteB, SiteRole.Auditor)) };
        var forms = new List<Dictionary<string, string>>();
        foreach (var browser in browsers)
        {
            var html = await browser.GetStringAsync("/account");
            forms.Add(new() { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value) });
        }

        long before;
        await using (var scope = first.App.Services.CreateAsyncScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<CastellanDbContext>().AuditRecords.CountAsync();
        }

        // 10 per instance: the token-creation limit of each instance.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => browsers[i % 2].PostAsync("/account/tokens/new",
            new FormUrlEncodedContent(new Dictionary<string, string>(forms[i % 2]) { ["name"] = $"parallel-{i}", ["scope"] = "read", ["expiresInDays"] = "1" }))));
        foreach (var response in responses)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            TokenValue().IsMatch(body).ShouldBeTrue(body);
        }

        await using var check = first.App.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<CastellanDbContext>();
        var outcome = await new VerifyAuditChain(db).RunAsync();
        outcome.Intact.ShouldBeTrue(outcome.Reason);
        outcome.Records.ShouldBe(before + 20);
        var sequences = await db.AuditRecords.OrderBy(r => r.Sequence).Select(r => r.Sequence).ToListAsync();
        sequences.ShouldBe(Enumerable.Range(1, sequences.Count).Select(i => (long)i));
        (await db.AuditRecords.CountAsync(r => r.Action == "token.create" && r.Outcome == AuditOutcome.Ok && r.Target.StartsWith("token/parallel-"))).ShouldBe(20);
        (await db.ApiTokens.CountAsync(t => t.Name.StartsWith("parallel-"))).ShouldBe(20);
    }

    [GeneratedRegex("cst_[A-Za-z0-9_-]{20,}")]
    private static partial Regex TokenValue();
}
