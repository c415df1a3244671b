using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Tests.Assets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.Results;

public sealed class ResultsApiTests
{
    private const string North = WebTestHost.SiteA;
    private const string Results = $"/api/v1/sites/{North}/zones/scada/results";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_ShowsTheTargetRequirementsWithTheirResultsAndSla(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("reader", "read", (North, SiteRole.Auditor));
        var list = await AssetsApiTests.GetAsync(client, Results);
        list.GetProperty("slt").GetString().ShouldBe("2 2 2 1 2 2 2");
        var requirements = list.GetProperty("requirements").EnumerateArray().ToList();
        requirements.Count.ShouldBeGreaterThan(40);
        var sr11 = requirements.Single(r => r.GetProperty("requirement").GetString() == "SR 1.1");
        sr11.GetProperty("status").GetString().ShouldBe("met");
        sr11.GetProperty("fr").GetInt32().ShouldBe(1);
        requirements.ShouldNotContain(r => r.GetProperty("requirement").GetString() == "SR 1.1 RE 2", "SL-T 2 does not call for SL 3 requirement enhancements");
        (await client.GetAsync($"/api/v1/sites/{North}/zones/no-such-zone/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Record_ThenStaleVersion_Answers409WithBothVersions_AndAudits(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("assessor", "write", (North, SiteRole.Assessor));
        var current = await AssetsApiTests.GetAsync(client, $"{Results}/SR 1.2");
        var version = current.GetProperty("result").GetProperty("version").GetInt64();

        var first = await client.PutAsJsonAsync($"{Results}/SR 1.2", new { status = "not-met", rationale = "service accounts shared", assessor = "A. Assessor", assessed = "2026-11-20", version });
        var saved = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        first.StatusCode.ShouldBe(HttpStatusCode.OK, saved.ToString());
        saved.GetProperty("version").GetInt64().ShouldBe(version + 1);
        saved.GetProperty("assessed").GetString().ShouldBe("2026-11-20");

        var stale = await client.PutAsJsonAsync($"{Results}/SR 1.2", new { status = "met", version });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("detail").GetString()!.ShouldContain($"version {version}");
        problem.GetProperty("theirs").GetProperty("version").GetInt64().ShouldBe(version + 1);
        problem.GetProperty("theirs").GetProperty("object").GetProperty("status").GetString().ShouldBe("not-met");
        problem.GetProperty("yours").GetProperty("version").GetInt64().ShouldBe(version);
        problem.GetProperty("yours").GetProperty("object").GetProperty("status").GetString().ShouldBe("met");

        var reread = await AssetsApiTests.GetAsync(client, $"{Results}/SR 1.2");
        reread.GetProperty("result").GetProperty("status").GetString().ShouldBe("not-met", "the stale edit wrote nothing");
        reread.GetProperty("result").GetProperty("assessor").GetString().ShouldBe("A. Assessor");

        await using var scope = host.App.Services.CreateAsyncScope();
        var records = await scope.ServiceProvider.GetRequiredService<CastellanDbContext>().AuditRecords.Where(r => r.Action == "result.record").ToListAsync();
        records.Count.ShouldBe(1);
        records[0].Target.ShouldBe("zone/scada/result/SR 1.2");
        records[0].Before!.ShouldContain("\"met\"", Case.Insensitive);
    }

    [Fact]
    public async Task Record_NewResult_NeedsNoVersion_ButASecondCreateConflicts()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var client = await host.ApiClientAsync("assessor", "write", (North, SiteRole.Assessor));
        const string path = $"/api/v1/sites/{North}/zones/scada/results/SR 1.1 RE 2";
        (await AssetsApiTests.GetAsync(client, path)).GetProperty("result").GetProperty("status").ValueKind.ShouldBe(JsonValueKind.Null);
        (await client.PutAsJsonAsync(path, new { status = "met" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PutAsJsonAsync(path, new { status = "not-met" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Record_BadInput_Answers400NamingTheField_UnknownRequirement404()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var client = await host.ApiClientAsync("assessor", "write", (North, SiteRole.Assessor));
        var status = await client.PutAsJsonAsync($"{Results}/SR 1.2", new { status = "done" });
        status.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await status.Content.ReadAsStringAsync()).ShouldContain("status");
        var compensated = await client.PutAsJsonAsync($"{Results}/SR 1.2", new { status = "compensated", version = 0 });
        compensated.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await compensated.Content.ReadAsStringAsync()).ShouldContain("countermeasure");
        (await client.PutAsJsonAsync($"{Results}/A.5.1", new { status = "met" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Record_OtEngineerOrAuditorOrOtherSite_Answers404()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        foreach (var (name, role, site) in new[] { ("engineer", SiteRole.OtEngineer, North), ("auditor", SiteRole.Auditor, North), ("south", SiteRole.Assessor, WebTestHost.SiteB) })
        {
            var client = await host.ApiClientAsync(name, "write", (site, role));
            (await client.PutAsJsonAsync($"{Results}/SR 1.2", new { status = "met", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.NotFound, name);
            (await Upload(client, "SR 1.2", "proof.txt", "text"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.NotFound, name);
        }

        var south = await host.ApiClientAsync("south-reader", "read", (WebTestHost.SiteB, SiteRole.Auditor));
        (await south.GetAsync(Results)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Evidence_UploadListDownload_AsAnAttachmentWithItsHash(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("assessor", "write", (North, SiteRole.Assessor));
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
        var uploaded = await Upload(client, "SR 1.1", "../../etc/AD logon policy.pdf", pdf);
        var stored = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement;
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, stored.ToString());
        stored.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        stored.GetProperty("fileName").GetString().ShouldBe("AD logon policy.pdf");
        stored.GetProperty("uploadedBy").GetString().ShouldBe("token:assessor/test-token");

        var list = await AssetsApiTests.GetAsync(client, $"{Results}/SR 1.1/evidence");
        list.GetArrayLength().ShouldBe(1);
        var download = await client.GetAsync(uploaded.Headers.Location);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        (await AssetsApiTests.GetAsync(client, Results)).GetProperty("requirements").EnumerateArray()
            .Single(r => r.GetProperty("requirement").GetString() == "SR 1.1").GetProperty("evidenceFiles").GetInt32().ShouldBe(1);

        var key = stored.GetProperty("key").GetInt64();
        (await client.GetAsync($"{Results}/SR 1.2/evidence/{key}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "evidence belongs to its requirement");
        var south = await host.ApiClientAsync("south", "read", (WebTestHost.SiteB, SiteRole.Administrator));
        (await south.GetAsync(uploaded.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await south.GetAsync($"/api/v1/sites/{WebTestHost.SiteB}/zones/scada/results/SR 1.1/evidence/{key}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var scope = host.App.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<CastellanDbContext>().AuditRecords.CountAsync(r => r.Action == "evidence.upload" && r.Site == North)).ShouldBe(1);
    }

    [Fact]
    public async Task Evidence_TooLargeWrongTypeOrLyingBytes_Answers400AndStoresNothing()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var client = await host.ApiClientAsync("assessor", "write", (North, SiteRole.Assessor));
        var large = await Upload(client, "SR 1.1", "huge.pdf", new byte[33 * 1024 * 1024]);
        large.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await large.Content.ReadAsStringAsync()).ShouldContain("limit is 32 MB");
        var exe = await Upload(client, "SR 1.1", "tool.exe", "MZ"u8.ToArray());
        exe.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await exe.Content.ReadAsStringAsync()).ShouldContain("tool.exe");
        var html = await Upload(client, "SR 1.1", "page.html", "<script>alert(1)</script>"u8.ToArray());
        html.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var lying = await Upload(client, "SR 1.1", "report.pdf", "<html>not a pdf</html>"u8.ToArray());
        lying.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await lying.Content.ReadAsStringAsync()).ShouldContain("does not look like");
        var empty = await Upload(client, "SR 1.1", "empty.txt", []);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await using var scope = host.App.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<CastellanDbContext>().Evidence.CountAsync()).ShouldBe(0);
    }

    internal static async Task<HttpResponseMessage> Upload(HttpClient client, string requirement, string name, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var content = new MultipartFormDataContent { { file, "file", name } };
        return await client.PostAsync($"{Results}/{requirement}/evidence", content);
    }
}
