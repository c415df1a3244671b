using System.Net;
using Castellan.Domain.Accounts;

namespace Castellan.Web.Tests.Zones;

public sealed class ZonePagesTests
{
    private const string A = WebTestHost.SiteA;

    [Fact]
    public async Task Pages_ShowZonesConduitsDiagramFindingsAndDashboard()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var browser = await host.BrowserAsync("otto", (A, SiteRole.OtEngineer));

        (await browser.GetStringAsync($"/sites/{A}/zones")).ShouldContain("href=\"/sites/north-wtp/zones/scada\"");
        (await browser.GetStringAsync($"/sites/{A}/zones/scada")).ShouldContain("sl-chart.svg");
        (await browser.GetStringAsync($"/sites/{A}/conduits")).ShouldContain("ent-to-dmz");
        (await browser.GetStringAsync($"/sites/{A}/diagram")).ShouldContain("<img src=\"/api/v1/sites/north-wtp/diagram.svg\"");
        (await browser.GetStringAsync($"/sites/{A}/findings")).ShouldContain("Findings");
        var dashboard = await browser.GetStringAsync($"/sites/{A}");
        dashboard.ShouldContain("Open findings");
        dashboard.ShouldContain("Top risks");
        dashboard.ShouldContain("href=\"/sites/north-wtp/zones\"");
    }

    [Fact]
    public async Task NewZoneForm_CreatesTheZone_AndABadSlVectorIsShownBesideTheForm()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var browser = await host.BrowserAsync("otto", (A, SiteRole.OtEngineer));
        var fields = new Dictionary<string, string> { ["Form.Id"] = "chlorination", ["Form.Name"] = "Dosing", ["Form.Purdue"] = "1", ["Form.Slt"] = "5 5" };

        var refused = await WebTestHost.PostFormAsync(browser, $"/sites/{A}/zones/new", fields);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("slt: &#x27;5 5&#x27; is not an SL vector");

        fields["Form.Slt"] = "2 2 2 1 2 1 1";
        var created = await WebTestHost.PostFormAsync(browser, $"/sites/{A}/zones/new", fields);
        created.StatusCode.ShouldBe(HttpStatusCode.Found);
        created.Headers.Location!.ToString().ShouldBe($"/sites/{A}/zones/chlorination");
    }

    [Fact]
    public async Task EditForm_WithStaleVersion_ShowsTheirsAndYours()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var browser = await host.BrowserAsync("otto", (A, SiteRole.OtEngineer));
        var page = $"/sites/{A}/zones/dmz/edit";
        var fields = new Dictionary<string, string> { ["Form.Name"] = "DMZ one", ["Form.Purdue"] = "3.5", ["Form.Version"] = "0" };
        (await WebTestHost.PostFormAsync(browser, page, fields)).StatusCode.ShouldBe(HttpStatusCode.Found);

        var stale = new Dictionary<string, string> { ["Form.Name"] = "DMZ two", ["Form.Purdue"] = "3.5", ["Form.Version"] = "0" };
        var conflict = await WebTestHost.PostFormAsync(browser, page, stale);

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await conflict.Content.ReadAsStringAsync();
        html.ShouldContain("the database holds version 1, you edited version 0");
        html.ShouldContain("<td>Name</td><td>DMZ one</td><td>DMZ two</td>");
    }

    [Fact]
    public async Task Assessor_GetsNoEditPages()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var browser = await host.BrowserAsync("ada", (A, SiteRole.Assessor));
        (await browser.GetAsync($"/sites/{A}/zones")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/sites/{A}/zones/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/sites/{A}/conduits/ent-to-dmz/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetStringAsync($"/sites/{A}/zones")).ShouldNotContain("New zone");
    }
}
