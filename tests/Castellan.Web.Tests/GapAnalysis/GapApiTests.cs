using System.Net;
using System.Text;
using Castellan.Core.GapAnalysis;
using Castellan.Domain.Accounts;
using Castellan.Domain.GapAnalysis;
using Castellan.Tests;
using Castellan.Web.Demo;
using Castellan.Web.Tests.Soa;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.GapAnalysis;

/// <summary>/api/v1/gap and /gap: the stored SoA against a target, the same report the CLI makes from the file.</summary>
public sealed class GapApiTests
{
    private const string Target = "iec62443-3-3-2013@SL2";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task GapJson_OfTheStoredSoa_EqualsTheCliReportOfTheSameFile(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        await SoaFiles.ImportAsync(host, SoaFiles.Sample);
        var client = await host.ApiClientAsync("audrey", "read", ("*", SiteRole.Auditor));
        GapTarget.TryParse(Target, out var target, out _).ShouldBeTrue();
        var cli = await new RunGapAnalysis(host.Database).RunAsync("soa-2022.csv", SoaFiles.Sample, [target!], new GapCalculator.Options());
        using var expected = new MemoryStream();
        GapJson.Write(expected, cli.Reports);

        var response = await client.GetAsync($"/api/v1/gap?target={Uri.EscapeDataString(Target)}&format=json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).ShouldBe(Encoding.UTF8.GetString(expected.ToArray()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Downloads_AreAttachments_AndABadTargetOrFormatIs400(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        await SoaFiles.ImportAsync(host, SoaFiles.Sample);
        var client = await host.ApiClientAsync("audrey", "read", ("*", SiteRole.Auditor));

        foreach (var (format, type) in new[] { ("html", "text/html"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("json", "application/json") })
        {
            var response = await client.GetAsync($"/api/v1/gap?target=iec62443-2-1-2024@ML2&format={format}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, format);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
            response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            response.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe($"gap-iec62443-2-1-2024-ml2.{format}");
        }

        var badTarget = await client.GetAsync("/api/v1/gap?target=iec62443-3-3-2013@SL7");
        badTarget.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badTarget.Content.ReadAsStringAsync()).ShouldContain("target");
        (await client.GetAsync($"/api/v1/gap?target={Target}&format=pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var targets = await client.GetStringAsync("/api/v1/gap/targets");
        foreach (var expected in new[] { "iec62443-3-3-2013@SL1", "iec62443-3-3-2013@SL4", "iec62443-4-2-2019@SL3", "iec62443-2-1-2024@ML4", "\"iec62443-3-2-2020\"" })
        {
            targets.ShouldContain(expected);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task GapPage_ShowsSummaryResultsEvidenceAndOtNotes_WithDownloadLinks(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        await SoaFiles.ImportAsync(host, SoaFiles.Sample);
        var browser = await host.BrowserAsync("olivia", (WebTestHost.SiteA, SiteRole.OtEngineer));

        var empty = await browser.GetStringAsync("/gap");
        var page = await browser.GetAsync($"/gap?target={Uri.EscapeDataString(Target)}");

        empty.ShouldContain("iec62443-4-2-2019@SL2");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Summary per area");
        html.ShouldContain("id=\"r-SR-1-1\"");
        html.ShouldContain("class=\"ot-note\"");
        html.ShouldContain("class=\"grid evidence\"");
        html.ShouldContain("/api/v1/gap?target=iec62443-3-3-2013%40SL2&amp;format=xlsx");
        html.ShouldNotContain("style=");
        (await browser.GetAsync("/gap?target=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Demo_LoadsTheSampleSoa_OnlyWhenNoneIsStored(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var demo = new DemoData(host.App.Services, host.App.Services.GetRequiredService<WebOptions>());

        await demo.LoadAsync();
        await using (var db = host.Database.CreateContext())
        {
            (await new Core.Soa.LoadSoa(db).RunAsync()).Stated.ShouldBe(93);
        }

        var client = await host.ApiClientAsync("sam", "write", ("*", SiteRole.SecurityManager));
        (await client.PutAsync("/api/v1/soa/A.5.1", JsonContent("""{"version":1,"applicable":null}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await demo.LoadAsync();
        await using (var db = host.Database.CreateContext())
        {
            (await new Core.Soa.LoadSoa(db).RunAsync()).Stated.ShouldBe(92);
        }
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");
}
