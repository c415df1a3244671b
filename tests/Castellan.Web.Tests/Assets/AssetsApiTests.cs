using System.Net;
using System.Text.Json;
using Castellan.Domain.Accounts;
using Castellan.Tests;

namespace Castellan.Web.Tests.Assets;

public sealed class AssetsApiTests
{
    private const string North = WebTestHost.SiteA;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_PageTwoOfEverySort_IsTheSliceOfTheWholeSortedList(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("reader", "read", (North, SiteRole.Auditor));
        foreach (var sort in new[] { "id", "-id", "name", "-name", "zone", "-zone" })
        {
            var whole = await GetAsync(client, $"/api/v1/sites/{North}/assets?size=500&sort={sort}");
            var ids = Ids(whole);
            ids.Count.ShouldBe(whole.GetProperty("total").GetInt32());
            ids.Count.ShouldBeGreaterThan(20);
            var page = await GetAsync(client, $"/api/v1/sites/{North}/assets?page=2&size=7&sort={sort}");
            Ids(page).ShouldBe(ids.Skip(7).Take(7).ToList(), $"sort={sort}");
            page.GetProperty("total").GetInt32().ShouldBe(ids.Count);
        }

        var byName = Items(await GetAsync(client, $"/api/v1/sites/{North}/assets?size=500&sort=name")).Select(i => i.GetProperty("name").GetString()!).ToList();
        byName.Distinct().Count().ShouldBeGreaterThan(20);
        var descending = Items(await GetAsync(client, $"/api/v1/sites/{North}/assets?size=500&sort=-name")).Select(i => i.GetProperty("name").GetString()!).ToList();
        descending.ShouldBe(Enumerable.Reverse(byName).ToList());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_FiltersByZoneAndByTextCaseInsensitively(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("reader", "read", (North, SiteRole.Auditor));

        var filtration = Items(await GetAsync(client, $"/api/v1/sites/{North}/assets?zone=filtration&size=500"));
        filtration.ShouldNotBeEmpty();
        filtration.ShouldAllBe(i => i.GetProperty("zone").GetString() == "filtration");

        var text = await GetAsync(client, $"/api/v1/sites/{North}/assets?q=PLC-FILTER&size=500");
        Ids(text).ShouldContain("plc-filter-01");
        Ids(text).ShouldAllBe(id => id.Contains("plc-filter", StringComparison.Ordinal));

        var none = await GetAsync(client, $"/api/v1/sites/{North}/assets?q=no-such-asset-anywhere");
        none.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task List_BadSortOrSize_Answers400NamingTheField()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var client = await host.ApiClientAsync("reader", "read", (North, SiteRole.Auditor));
        var sort = await client.GetAsync($"/api/v1/sites/{North}/assets?sort=vendor");
        sort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await sort.Content.ReadAsStringAsync()).ShouldContain("sort");
        var size = await client.GetAsync($"/api/v1/sites/{North}/assets?size=100000");
        size.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await size.Content.ReadAsStringAsync()).ShouldContain("size");
    }

    [Fact]
    public async Task Get_OneAsset_AndUnknownOrOtherSite_Answers404()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var north = await host.ApiClientAsync("reader", "read", (North, SiteRole.Auditor));
        var asset = await GetAsync(north, $"/api/v1/sites/{North}/assets/plc-filter-01");
        asset.GetProperty("asset").GetProperty("vendor").GetString().ShouldBe("Siemens");
        asset.GetProperty("asset").GetProperty("ips")[0].GetString().ShouldBe("10.1.1.11");
        (await north.GetAsync($"/api/v1/sites/{North}/assets/no-such-asset")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var south = await host.ApiClientAsync("south", "read", (WebTestHost.SiteB, SiteRole.Administrator));
        (await south.GetAsync($"/api/v1/sites/{North}/assets")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await south.GetAsync($"/api/v1/sites/{North}/assets/plc-filter-01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pages_ListSortsPagesAndShowsDetail()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var browser = await host.BrowserAsync("auditor", (North, SiteRole.Auditor));
        var list = await browser.GetStringAsync($"/sites/{North}/assets?sort=-id&size=5&page=2");
        list.ShouldContain("Page 2 of");
        list.ShouldContain("href=\"/sites/north-wtp/assets\"");
        list.ShouldNotContain("Import an inventory");
        var detail = await browser.GetStringAsync($"/sites/{North}/assets/plc-filter-01");
        detail.ShouldContain("Filter beds 1-4 PLC");
        (await browser.GetAsync($"/sites/{North}/assets/no-such-asset")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/sites/{WebTestHost.SiteB}/assets")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    internal static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    private static List<string> Ids(JsonElement page) => [.. Items(page).Select(i => i.GetProperty("id").GetString()!)];
}
