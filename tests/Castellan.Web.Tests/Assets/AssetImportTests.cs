using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Tests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.Assets;

public sealed partial class AssetImportTests
{
    private const string North = WebTestHost.SiteA;

    // Row 2 changes plc-filter-01's firmware, row 3 adds a new asset, row 4 repeats nothing new for an existing asset.
    private const string Inventory = """
        Asset ID,Hostname,IP address,Vendor,Firmware,Zone
        plc-filter-01,Filter beds 1-4 PLC,10.1.1.11,Siemens,3.1.4,filtration
        hmi-new-99,New filtration HMI,10.1.1.99,Siemens,,filtration
        plc-filter-01,,,,3.1.4,
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_PreviewWritesNothing_ThenApplyWritesExactlyThePreviewWithAnAuditRecord(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("engineer", "write", (North, SiteRole.OtEngineer));
        var (assets, audit) = await CountsAsync(host);

        var previewed = await JobPolling.WaitAsync(client, await PostAsync(client, true, "inventory.csv", Inventory));
        (previewed.GetProperty("state").GetString(), previewed.GetProperty("kind").GetString()).ShouldBe(("succeeded", "inventory.preview"));
        previewed.GetProperty("location").GetString().ShouldStartWith($"/api/v1/sites/{North}/jobs/");
        var plan = await JobPolling.ResultAsync(client, previewed);
        (plan.GetProperty("added").GetInt32(), plan.GetProperty("changed").GetInt32(), plan.GetProperty("unchanged").GetInt32(), plan.GetProperty("refused").GetInt32())
            .ShouldBe((1, 1, 1, 0));
        var rows = plan.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("change").GetString())).ToList();
        rows.ShouldBe([(2, "changed"), (3, "added"), (4, "unchanged")]);
        (await CountsAsync(host)).ShouldBe((assets, audit), "a preview writes nothing");

        var apply = await JobPolling.WaitAsync(client, await PostAsync(client, false, "inventory.csv", Inventory, plan.GetProperty("sha256").GetString()));
        apply.GetProperty("state").GetString().ShouldBe("succeeded", apply.ToString());
        (await JobPolling.ResultAsync(client, apply)).GetProperty("added").GetInt32().ShouldBe(1);
        (await CountsAsync(host)).ShouldBe((assets + 1, audit + 1));
        var asset = await AssetsApiTests.GetAsync(client, $"/api/v1/sites/{North}/assets/plc-filter-01");
        asset.GetProperty("asset").GetProperty("firmware").GetString().ShouldBe("3.1.4");
        asset.GetProperty("version").GetInt64().ShouldBe(1);
        var added = await AssetsApiTests.GetAsync(client, $"/api/v1/sites/{North}/assets/hmi-new-99");
        added.GetProperty("asset").GetProperty("zone").GetString().ShouldBe("filtration");

        await using var scope = host.App.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<CastellanDbContext>().AuditRecords.OrderByDescending(r => r.Sequence).FirstAsync();
        (record.Action, record.Site, record.Actor).ShouldBe(("asset.import", North, "token:engineer/test-token"));
        record.After!.ShouldContain("\"added\":1");

        var second = await JobPolling.ResultAsync(client, await JobPolling.WaitAsync(client, await PostAsync(client, true, "inventory.csv", Inventory)));
        (second.GetProperty("added").GetInt32(), second.GetProperty("changed").GetInt32()).ShouldBe((0, 0), "importing the same file twice changes nothing the second time");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_RefusedRows_AreNamedAndNothingIsWritten(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("engineer", "write", (North, SiteRole.OtEngineer));
        const string bad = "Hostname,IP address,Zone\nok-host,10.1.1.200,filtration\nbad-ip,10.1.1.300,filtration\nbad-zone,10.1.1.201,atlantis\n";
        var before = await CountsAsync(host);

        var previewed = await JobPolling.WaitAsync(client, await PostAsync(client, true, "bad.csv", bad));
        previewed.GetProperty("state").GetString().ShouldBe("succeeded", "a preview with refused rows is still a preview");
        previewed.GetProperty("message").GetString()!.ShouldContain("2 row(s) refused");
        var plan = await JobPolling.ResultAsync(client, previewed);
        plan.GetProperty("refused").GetInt32().ShouldBe(2);
        plan.GetProperty("stageKey").ValueKind.ShouldBe(JsonValueKind.Null, "nothing to apply, nothing staged");
        var refused = plan.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("change").GetString() == "refused").ToList();
        refused.Select(r => r.GetProperty("row").GetInt32()).ShouldBe([3, 4]);
        refused[0].GetProperty("reason").GetString()!.ShouldContain("10.1.1.300");
        refused[1].GetProperty("reason").GetString()!.ShouldContain("atlantis");

        var apply = await JobPolling.WaitAsync(client, await PostAsync(client, false, "bad.csv", bad));
        apply.GetProperty("state").GetString().ShouldBe("failed");
        var message = apply.GetProperty("message").GetString()!;
        message.ShouldStartWith("bad.csv: 2 row(s) refused, nothing merged: row 3: '10.1.1.300' is not an IP address; row 4: unknown zone 'atlantis'");
        message.ShouldNotContain(" at Castellan", Case.Sensitive, "a message, not a stack trace");
        apply.GetProperty("result").ValueKind.ShouldBe(JsonValueKind.Null);
        (await CountsAsync(host)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_WrongFileOrHashMismatch_Answers400()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var client = await host.ApiClientAsync("engineer", "write", (North, SiteRole.OtEngineer));
        var exe = await PostAsync(client, true, "inventory.exe", Inventory);
        exe.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await exe.Content.ReadAsStringAsync()).ShouldContain("file");
        var stale = await PostAsync(client, false, "inventory.csv", Inventory, new string('0', 64));
        stale.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("sha256");
    }

    [Fact]
    public async Task Import_AssessorOrReadTokenOrOtherSite_Answers404()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var assessor = await host.ApiClientAsync("assessor", "write", (North, SiteRole.Assessor));
        (await PostAsync(assessor, true, "inventory.csv", Inventory)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var reader = await host.ApiClientAsync("engineer-read", "read", (North, SiteRole.OtEngineer));
        (await PostAsync(reader, false, "inventory.csv", Inventory)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var south = await host.ApiClientAsync("south", "write", (WebTestHost.SiteB, SiteRole.OtEngineer));
        (await PostAsync(south, false, "inventory.csv", Inventory)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var browser = await host.BrowserAsync("assessor-page", (North, SiteRole.Assessor));
        (await browser.GetAsync($"/sites/{North}/assets/import")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ImportPage_PreviewThenConfirm_AppliesTheStagedFile(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var browser = await host.BrowserAsync("engineer", (North, SiteRole.OtEngineer));
        var auditor = await host.BrowserAsync("auditor", (North, SiteRole.Auditor));
        var page = $"/sites/{North}/assets/import";
        var (assets, audit) = await CountsAsync(host);

        var form = await browser.GetStringAsync(page);
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(Token(form)), "__RequestVerificationToken" },
            { File("inventory.csv", Inventory), "file", "inventory.csv" },
        };
        var previewed = await browser.PostAsync(page + "?handler=preview", upload);
        var jobPage = previewed.Headers.Location!.ToString();
        var html = await JobPolling.PageAsync(browser, previewed);
        html.ShouldContain("Apply these changes");
        html.ShouldContain("hmi-new-99");
        var seen = await auditor.GetStringAsync(jobPage);
        seen.ShouldContain("hmi-new-99", Case.Sensitive, "the site's readers see the preview");
        seen.ShouldNotContain("Apply these changes", Case.Sensitive, "only those who may import can apply a preview");
        (await CountsAsync(host)).ShouldBe((assets, audit), "a preview changes no asset and writes no audit record");

        var key = StageKey().Match(html).Groups[1].Value;
        var apply = await browser.PostAsync(page + "?handler=apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(html), ["key"] = key, ["added"] = "1", ["changed"] = "1", ["unchanged"] = "1",
        }));
        var done = await JobPolling.PageAsync(browser, apply);
        done.ShouldContain("Imported inventory.csv: 1 added, 1 changed, 1 unchanged");
        (await CountsAsync(host)).ShouldBe((assets + 1, audit + 1));

        var twice = await browser.PostAsync(page + "?handler=apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(html), ["key"] = key, ["added"] = "1", ["changed"] = "1", ["unchanged"] = "1",
        }));
        twice.StatusCode.ShouldBe(HttpStatusCode.NotFound, "a staged file is applied once");
        var after = await browser.GetStringAsync(jobPage);
        after.ShouldContain("This preview has been applied");
        after.ShouldNotContain("Apply these changes");

    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, bool preview, string name, string text, string? sha256 = null)
    {
        using var content = new MultipartFormDataContent { { File(name, text), "file", name } };
        if (sha256 is not null)
        {
            content.Add(new StringContent(sha256), "sha256");
        }

        return await client.PostAsync($"/api/v1/sites/{North}/assets/import?preview={(preview ? "true" : "false")}", content);
    }

    private static ByteArrayContent File(string name, string text)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal)));
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/octet-stream");
        return file;
    }

    private static async Task<(int Assets, int Audit)> CountsAsync(WebTestHost host)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CastellanDbContext>();
        return (await db.WorkspaceObjects.CountAsync(o => o.Site == North && o.Kind == "asset"), await db.AuditRecords.CountAsync());
    }

    internal static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"key\" value=\"([^\"]+)\"")]
    private static partial Regex StageKey();
}
