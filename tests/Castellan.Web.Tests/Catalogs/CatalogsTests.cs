using System.Net;
using System.Text.Json;
using Castellan.Core.Catalogs;
using Castellan.Domain.Accounts;
using Castellan.Tests;

namespace Castellan.Web.Tests.Catalogs;

public sealed class CatalogsTests
{
    private const string Iec3 = "iec62443-3-3-2013";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Requirements_Sl2_AreExactlyTheCatalogsSl2Requirements_InDocumentOrder(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("reader", "read", (WebTestHost.SiteA, SiteRole.Auditor));
        var catalog = await new LoadCatalog(host.Database).RunAsync(Iec3);
        var expected = catalog.Requirements.Where(r => r.Levels.Contains(2)).Select(r => r.Id).ToList();

        var seen = new List<string>();
        for (var page = 1; ; page++)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/catalogs/{Iec3}/requirements?sl=2&size=40&page={page}"));
            json.RootElement.GetProperty("total").GetInt32().ShouldBe(expected.Count);
            var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
            seen.AddRange(items.Select(i => i.GetProperty("id").GetString()!));
            items.ShouldAllBe(i => i.GetProperty("levels").GetString()!.Contains('2'));
            if (page >= json.RootElement.GetProperty("pages").GetInt32())
            {
                break;
            }
        }

        expected.Count.ShouldBeGreaterThan(40);
        seen.ShouldBe(expected);
        catalog.Requirements.Count(r => r.Levels.Contains(1)).ShouldBeLessThan(expected.Count); // the filter narrows
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Requirements_SearchIdOrTitle_CaseInsensitive_AndBadInputNamesTheField(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("reader", "read", (WebTestHost.SiteA, SiteRole.Auditor));

        using var byId = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/catalogs/{Iec3}/requirements?q=sr%201.1"));
        var ids = byId.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        ids.ShouldContain("SR 1.1");
        ids.ShouldAllBe(id => id!.Contains("SR 1.1", StringComparison.Ordinal) || id.Contains("1.1", StringComparison.Ordinal));

        using var byTitle = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/catalogs/{Iec3}/requirements?q=AUTHENTICATION&size=200"));
        var titles = byTitle.RootElement.GetProperty("items").EnumerateArray().ToList();
        titles.ShouldNotBeEmpty();
        titles.ShouldAllBe(i => i.GetProperty("title").GetString()!.Contains("authentication", StringComparison.OrdinalIgnoreCase)
            || i.GetProperty("id").GetString()!.Contains("authentication", StringComparison.OrdinalIgnoreCase));

        var ungraded = await client.GetAsync("/api/v1/catalogs/iso27001-2022/requirements?sl=2");
        ungraded.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ungraded.Content.ReadAsStringAsync()).ShouldContain("sl:");
        (await client.GetAsync($"/api/v1/catalogs/{Iec3}/requirements?sl=5")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/catalogs/no-such-catalog/requirements")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Requirement_ShowsEverythingMapped_BothDirections_WithProvenance(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("reader", "read", (WebTestHost.SiteB, SiteRole.Auditor));

        using var sr = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/catalogs/{Iec3}/requirements/SR%201.1"));
        var from = sr.RootElement.GetProperty("mappings").EnumerateArray().ToList();
        from.ShouldNotBeEmpty();
        from.ShouldAllBe(l => l.GetProperty("direction").GetString() == "from" && l.GetProperty("provenance").GetString()!.Length > 0);
        from.ShouldContain(l => l.GetProperty("catalog").GetString() == "iso27001-2022");

        using var annex = JsonDocument.Parse(await client.GetStringAsync("/api/v1/catalogs/iso27001-2022/requirements/A.5.15"));
        var to = annex.RootElement.GetProperty("mappings").EnumerateArray().ToList();
        to.ShouldContain(l => l.GetProperty("direction").GetString() == "to" && l.GetProperty("catalog").GetString() == Iec3);
        to.ShouldAllBe(l => l.GetProperty("provenance").GetString()!.Length > 0);

        var browser = await host.BrowserAsync("viewer", (WebTestHost.SiteB, SiteRole.Auditor));
        var html = await browser.GetStringAsync("/catalogs/iso27001-2022/A.5.15");
        var first = to[0];
        html.ShouldContain(System.Net.WebUtility.HtmlEncode(first.GetProperty("provenance").GetString()!));
        html.ShouldContain(first.GetProperty("requirement").GetString()!);
        (await browser.GetAsync("/catalogs/iso27001-2022/A.9.99")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/v1/catalogs/iso27001-2022/requirements/A.9.99")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Pages_ListCatalogsRequirementsAndMappingSets_ForAnySignedInUser(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var browser = await host.BrowserAsync("viewer", (WebTestHost.SiteA, SiteRole.OtEngineer));
        (await browser.GetStringAsync("/catalogs")).ShouldContain($"/catalogs/{Iec3}");
        var list = await browser.GetStringAsync($"/catalogs/{Iec3}?sl=3&q=RE");
        list.ShouldContain("required at SL 3");
        list.ShouldContain("SR 1.1 RE 1");
        var sets = await browser.GetStringAsync("/mappings");
        sets.ShouldContain("iso27001-2022-to-iec62443-3-3-2013");

        var client = await host.ApiClientAsync("reader", "read", (WebTestHost.SiteA, SiteRole.Auditor));
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/mappings"));
        json.RootElement.EnumerateArray().ShouldAllBe(s => s.GetProperty("provenance").GetString()!.Length > 0);
        (await host.Anonymous().GetAsync("/api/v1/catalogs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
