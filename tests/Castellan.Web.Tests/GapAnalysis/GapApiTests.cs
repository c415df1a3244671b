using System.Net;
using System.Net.Http.Json;
using System.Text;
using Castellan.Core.GapAnalysis;
using Castellan.Domain.Accounts;
using Castellan.Domain.GapAnalysis;
using Castellan.Tests;
using Castellan.Web.Demo;
using Castellan.Web.Tests.Jobs;
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
        html.ShouldContain("?handler=download");
        html.ShouldContain("name=\"format\" value=\"xlsx\"");
        html.ShouldNotContain("style=");
        (await browser.GetAsync("/gap?target=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReportJob_FromThePageOrTheApi_MakesTheFileTheDirectDownloadMakes(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        await SoaFiles.ImportAsync(host, SoaFiles.Sample);
        var client = await host.ApiClientAsync("audrey", "read", ("*", SiteRole.Auditor));
        var browser = await host.BrowserAsync("olivia", (WebTestHost.SiteA, SiteRole.OtEngineer));
        var direct = await (await client.GetAsync($"/api/v1/gap?target={Uri.EscapeDataString(Target)}&format=json")).Content.ReadAsByteArrayAsync();

        var job = await JobPolling.WaitAsync(client, await client.PostAsJsonAsync("/api/v1/gap/reports", new { target = Target, format = "json" }));
        var form = await SoaFiles.AntiforgeryTokenAsync(browser, $"/gap?target={Uri.EscapeDataString(Target)}");
        var page = await JobPolling.PageAsync(browser, await browser.PostAsync("/gap?handler=download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form, ["target"] = Target, ["ismsCertified"] = "false", ["format"] = "xlsx",
        })));

        (job.GetProperty("state").GetString(), job.GetProperty("kind").GetString()).ShouldBe(("succeeded", "gap.report"));
        var file = await client.GetAsync(job.GetProperty("result").GetString());
        file.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("gap-iec62443-3-3-2013-sl2.json");
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(direct);
        page.ShouldContain("Download gap-iec62443-3-3-2013-sl2.xlsx");
        var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/api/v1/jobs/[0-9]+/result)\"").Groups[1].Value;
        var xlsx = await browser.GetAsync(link);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await xlsx.Content.ReadAsByteArrayAsync())[..2].ShouldBe("PK"u8.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReportJob_BadTargetOrFormat_Is400BeforeAnyJob(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("audrey", "read", ("*", SiteRole.Auditor));

        var target = await client.PostAsJsonAsync("/api/v1/gap/reports", new { target = "iec62443-3-3-2013@SL7", format = "html" });
        var format = await client.PostAsJsonAsync("/api/v1/gap/reports", new { target = Target, format = "pdf" });

        target.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await target.Content.ReadAsStringAsync()).ShouldContain("target: 'iec62443-3-3-2013@SL7' is not one of");
        format.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await format.Content.ReadAsStringAsync()).ShouldContain("format: 'pdf'");
        await using var db = host.Database.CreateContext();
        db.Jobs.Count().ShouldBe(0);
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
