using System.Net;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Tests.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Tests.Soa;

/// <summary>/soa, /soa/edit and /soa/import in a browser-like client.</summary>
public sealed class SoaPageTests
{
    private static readonly (string, SiteRole) Manager = ("*", SiteRole.SecurityManager);

    private static Dictionary<string, string> Row(string control, long version, string applicable, string justification) => new()
    {
        ["control"] = control, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["applicable"] = applicable,
        ["justification"] = justification, ["implementation"] = "implemented", ["owner"] = "CISO", ["evidence"] = "", ["notes"] = "",
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EditInline_Saves_ThenAStaleForm_Is409ShowingBothVersions(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var browser = await host.BrowserAsync("sam", Manager);
        var page = await browser.GetStringAsync("/soa");
        page.ShouldContain("action=\"/soa/edit\"");
        page.ShouldContain("A.8.34");

        var saved = await WebTestHost.PostFormAsync(browser, "/soa", Row("A.5.7", 0, "true", "threat intel from CERT"), "/soa/edit");
        var stale = await WebTestHost.PostFormAsync(browser, "/soa", Row("A.5.7", 0, "false", "not our job"), "/soa/edit");

        saved.StatusCode.ShouldBe(HttpStatusCode.Found);
        saved.Headers.Location!.ToString().ShouldStartWith("/soa?saved=A.5.7");
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var conflict = await stale.Content.ReadAsStringAsync();
        conflict.ShouldContain("Someone else changed A.5.7");
        conflict.ShouldContain("threat intel from CERT");
        conflict.ShouldContain("not our job");
        conflict.ShouldContain("name=\"version\" value=\"1\"");
        (await browser.GetStringAsync("/soa")).ShouldContain("threat intel from CERT");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Edit_BadField_Is400WithTheMessage_AndNothingWritten(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var browser = await host.BrowserAsync("sam", Manager);
        var fields = Row("A.5.7", 0, "", "a reason without saying whether it applies");

        var response = await WebTestHost.PostFormAsync(browser, "/soa", fields, "/soa/edit");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("applicable: say whether the control applies");
        await using var db = host.Database.CreateContext();
        (await db.WorkspaceObjects.CountAsync(o => o.Kind == "soa")).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_ShowsEveryRow_AndARefusedFileNamesTheRow(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var browser = await host.BrowserAsync("sam", Manager);

        var refused = await browser.PostAsync("/soa/import", SoaFiles.Upload("broken.csv", SoaFiles.Refused, await SoaFiles.AntiforgeryTokenAsync(browser, "/soa/import")));
        var imported = await browser.PostAsync("/soa/import", SoaFiles.Upload("soa-2022.csv", SoaFiles.Sample, await SoaFiles.AntiforgeryTokenAsync(browser, "/soa/import")));

        var refusedPage = await JobPolling.PageAsync(browser, refused);
        refusedPage.ShouldContain(">failed<");
        refusedPage.ShouldContain("rows refused, so nothing was imported");
        refusedPage.ShouldContain("<td>3</td>");
        refusedPage.ShouldContain("A.5.99");
        (await JobPolling.PageAsync(browser, imported)).ShouldContain("Imported soa-2022.csv: 93 controls stated");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Auditor_SeesTheSoaWithoutForms_AndIsDeniedEditAndImport(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        await SoaFiles.ImportAsync(host, SoaFiles.Sample);
        var browser = await host.BrowserAsync("audrey", ("*", SiteRole.Auditor));

        var page = await browser.GetAsync("/soa");
        var edit = await browser.GetAsync("/soa/edit?control=A.5.1");
        var import = await browser.GetAsync("/soa/import");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Policies for information security");
        html.ShouldNotContain("action=\"/soa/edit\"");
        foreach (var denied in new[] { edit, import })
        {
            denied.StatusCode.ShouldBe(HttpStatusCode.Found);
            denied.Headers.Location!.ToString().ShouldContain("/account/denied");
        }
    }
}
