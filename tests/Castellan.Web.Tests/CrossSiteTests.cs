using System.Net;
using System.Text;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests;

/// <summary>
/// A user who holds every role on south-wtp calls every site-scoped endpoint and page, with every method it accepts,
/// on north-wtp, with ids of real north-wtp objects: each answer must be 404 — zero unexpected successes, and no
/// 400/409 that would reveal the object exists.
/// </summary>
public sealed class CrossSiteTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EverySiteEndpoint_ForAnotherSitesUser_AnswersNotFound(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var intruder = await host.ApiClientAsync("southie", "write",
            [.. Enum.GetValues<SiteRole>().Select(r => (WebTestHost.SiteB, r))]);
        var ids = await RealIdsAsync(host, WebTestHost.SiteA);
        var unexpected = new List<string>();
        var tried = 0;
        foreach (var (methods, pattern, form) in SiteEndpoints(host))
        {
            var url = Fill(pattern, WebTestHost.SiteA, ids);
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = form
                        ? new MultipartFormDataContent { { new ByteArrayContent("id,name\n"u8.ToArray()), "file", "inventory.csv" } }
                        : new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await intruder.SendAsync(request);
                tried++;
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    unexpected.Add($"{method} {url} → {(int)response.StatusCode}");
                }
            }
        }

        tried.ShouldBeGreaterThan(2);
        unexpected.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SiteReads_ForTheSitesOwnUser_Succeed(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var owner = await host.ApiClientAsync("northie", "read", (WebTestHost.SiteA, SiteRole.Auditor));
        var ids = await RealIdsAsync(host, WebTestHost.SiteA);
        var failed = new List<string>();
        foreach (var (methods, pattern, _) in SiteEndpoints(host, readOnly: true).Where(e => e.Methods.Contains("GET") && !e.Pattern.Contains("evidence", StringComparison.Ordinal)))
        {
            var url = Fill(pattern, WebTestHost.SiteA, ids);
            using var response = await owner.GetAsync(url);
            if (!response.IsSuccessStatusCode)
            {
                failed.Add($"GET {url} → {(int)response.StatusCode}");
            }
        }

        failed.ShouldBeEmpty();
    }

    /// <summary>The CSP forbids inline script and style; a page that carries them is broken in the browser.</summary>
    [Fact]
    public async Task EveryPage_ForAnAdministrator_HasNoInlineScriptOrStyle()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var admin = await host.ApiClientAsync("root", "write", (Domain.Accounts.SiteRoles.AllSites, SiteRole.Administrator));
        var ids = await RealIdsAsync(host, WebTestHost.SiteA);
        var pages = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => Fill("/" + e.RoutePattern.RawText!.TrimStart('/'), WebTestHost.SiteA, ids)).Distinct().ToList();
        var inline = new System.Text.RegularExpressions.Regex(@"\sstyle\s*=|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=\s*[""']", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var problems = new List<string>();
        foreach (var page in pages)
        {
            using var response = await admin.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            if (inline.Match(html) is { Success: true } match)
            {
                problems.Add($"{page}: {match.Value} near …{html.Substring(Math.Max(0, match.Index - 60), Math.Min(120, html.Length - Math.Max(0, match.Index - 60)))}…");
            }
        }

        pages.Count.ShouldBeGreaterThan(20);
        problems.ShouldBeEmpty();
    }

    /// <summary>Every endpoint and page under a {site}; with <paramref name="readOnly"/>, only those an auditor may use.</summary>
    private static List<(string[] Methods, string Pattern, bool Form)> SiteEndpoints(WebTestHost host, bool readOnly = false) =>
        [.. host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.Contains("{site}", StringComparison.Ordinal) == true)
            .Where(e => !readOnly || e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
                .All(a => a.Policy is Authorization.Policies.SiteRead or Authorization.Policies.SiteReadAudit))
            .Select(e => (
                Methods: e.Metadata.GetMetadata<PageActionDescriptor>() is not null ? new[] { "GET", "POST" } : [.. e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]],
                Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'),
                Form: e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Any(t => t.StartsWith("multipart/", StringComparison.Ordinal)) == true))
            .DistinctBy(e => string.Join(",", e.Methods) + " " + e.Pattern)];

    /// <summary>Route values: the site, and for every other parameter the id of a real object of that site.</summary>
    private static string Fill(string pattern, string site, IReadOnlyDictionary<string, string> ids)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:?=]+)[^}]*\}", m =>
        {
            var name = m.Groups[1].Value;
            return name == "site" ? site : Uri.EscapeDataString(ids.GetValueOrDefault(name.ToLowerInvariant(), "1"));
        });
        return text;
    }

    private static async Task<IReadOnlyDictionary<string, string>> RealIdsAsync(WebTestHost host, string site)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CastellanDbContext>();
        async Task<string> First(string kind) =>
            await db.WorkspaceObjects.Where(o => o.Site == site && o.Kind == kind).OrderBy(o => o.Position).Select(o => o.Id).FirstOrDefaultAsync() ?? "none";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["zone"] = await First("zone"),
            ["conduit"] = await First("conduit"),
            ["asset"] = await First("asset"),
            ["requirement"] = "SR 1.1",
            ["control"] = "A.5.15",
            ["id"] = "1",
            ["key"] = "1",
            ["job"] = (await FinishedJobAsync(db, site)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A finished job of the site with a result (of a kind no worker claims, so this test runs it by hand).</summary>
    private static async Task<long> FinishedJobAsync(CastellanDbContext db, string site)
    {
        var clock = TimeProvider.System;
        var id = await new Core.Jobs.QueueJob(db, clock).RunAsync(new(site, "test.cross-site", "user:test", "test", InputJson: "{}"));
        await new Core.Jobs.ClaimJob(db, clock).RunAsync("test", ["test.cross-site"]);
        await new Core.Jobs.FinishJob(db, clock).RunAsync(id, "test", new(Core.Jobs.JobState.Succeeded, "done", ResultJson: "{\"ok\":true}"));
        return id;
    }
}
