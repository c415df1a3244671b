using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Tests.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Tests.Soa;

/// <summary>/api/v1/soa: read, edit with versions, import all or nothing (a job), export; organisation policies.</summary>
public sealed class SoaApiTests
{
    private static readonly (string, SiteRole) Manager = ("*", SiteRole.SecurityManager);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_TheSample_ThenRead_ShowsEveryControl(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("sam", "write", Manager);

        var job = await JobPolling.WaitAsync(client, await client.PostAsync("/api/v1/soa/import", SoaFiles.Upload("soa-2022.csv", SoaFiles.Sample)));

        (job.GetProperty("state").GetString(), job.GetProperty("kind").GetString(), job.GetProperty("site").GetString()).ShouldBe(("succeeded", "soa.import", ""));
        job.GetProperty("message").GetString()!.ShouldContain("93 controls stated");
        var result = await JobPolling.ResultAsync(client, job);
        result.GetProperty("imported").GetBoolean().ShouldBeTrue();
        result.GetProperty("rows").EnumerateArray().ShouldAllBe(r => r.GetProperty("outcome").GetString() == "imported");
        var list = await JsonAsync(await client.GetAsync("/api/v1/soa"));
        list.GetArrayLength().ShouldBe(93);
        list[0].GetProperty("control").GetString().ShouldBe("A.5.1");
        list[0].GetProperty("applicable").GetBoolean().ShouldBeTrue();
        list[0].GetProperty("version").GetInt64().ShouldBe(1);
        var one = await JsonAsync(await client.GetAsync("/api/v1/soa/A.5.3"));
        one.GetProperty("implementation").GetString().ShouldBe("partially-implemented");
        await using var db = host.Database.CreateContext();
        (await db.AuditRecords.CountAsync(r => r.Action == "soa.import" && r.Actor == "token:sam/test-token" && r.Outcome == "ok")).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Import_AFileWithARefusedRow_FailsNamingTheRow_AndWritesNothing(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("sam", "write", Manager);

        var job = await JobPolling.WaitAsync(client, await client.PostAsync("/api/v1/soa/import", SoaFiles.Upload("broken.csv", SoaFiles.Refused)));
        var wrongType = await client.PostAsync("/api/v1/soa/import", SoaFiles.Upload("soa.txt", SoaFiles.Sample));

        job.GetProperty("state").GetString().ShouldBe("failed");
        job.GetProperty("message").GetString()!.ShouldContain("row 3");
        job.GetProperty("message").GetString()!.ShouldContain("A.5.99");
        var result = await JobPolling.ResultAsync(client, job);
        result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ShouldBe(["imported", "refused", "imported"]);
        wrongType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(wrongType)).GetProperty("detail").GetString()!.ShouldContain("file");
        var list = await JsonAsync(await client.GetAsync("/api/v1/soa"));
        list.EnumerateArray().ShouldAllBe(e => e.GetProperty("version").GetInt64() == 0);
        await using var db = host.Database.CreateContext();
        (await db.WorkspaceObjects.CountAsync(o => o.Kind == "soa")).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Put_WithTheVersionRead_Saves_AndAStaleVersionIs409WithBothVersions(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        await SoaFiles.ImportAsync(host, SoaFiles.Sample);
        var alice = await host.ApiClientAsync("alice", "write", Manager);
        var bob = await host.ApiClientAsync("bob", "write", Manager);
        var read = await JsonAsync(await bob.GetAsync("/api/v1/soa/A.8.1"));
        var version = read.GetProperty("version").GetInt64();

        var saved = await alice.PutAsJsonAsync("/api/v1/soa/A.8.1", new { version, applicable = true, justification = "alice", implementation = "implemented", owner = "IT" });
        var stale = await bob.PutAsJsonAsync("/api/v1/soa/A.8.1", new { version, applicable = false, justification = "bob" });

        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await JsonAsync(saved)).GetProperty("version").GetInt64().ShouldBe(version + 1);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await JsonAsync(stale);
        problem.GetProperty("theirs").GetProperty("object").GetProperty("justification").GetString().ShouldBe("alice");
        problem.GetProperty("theirs").GetProperty("version").GetInt64().ShouldBe(version + 1);
        problem.GetProperty("yours").GetProperty("object").GetProperty("justification").GetString().ShouldBe("bob");
        problem.GetProperty("yours").GetProperty("version").GetInt64().ShouldBe(version);
        problem.GetProperty("detail").GetString()!.ShouldContain("A.8.1");
        (await JsonAsync(await bob.GetAsync("/api/v1/soa/A.8.1"))).GetProperty("justification").GetString().ShouldBe("alice");
        await using var db = host.Database.CreateContext();
        (await db.AuditRecords.Where(r => r.Action == "soa.update").OrderBy(r => r.Sequence).Select(r => r.Outcome).ToListAsync()).ShouldBe(["ok", "conflict"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Put_BadFieldOrUnknownControl_Is400Or404ByName(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("sam", "write", Manager);

        var bad = await client.PutAsJsonAsync("/api/v1/soa/A.5.1", new { version = 0, applicable = true, implementation = "done" });
        var unknown = await client.PutAsJsonAsync("/api/v1/soa/A.99.1", new { version = 0, applicable = true });

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(bad)).GetProperty("detail").GetString()!.ShouldContain("implementation");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/v1/soa/A.99.1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AuditorsAndReadTokensAndSiteManagers_MayReadButNotEdit_403(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var auditor = await host.ApiClientAsync("audrey", "write", ("*", SiteRole.Auditor));
        var readToken = await host.ApiClientAsync("reader", "read", Manager);
        var siteManager = await host.ApiClientAsync("sitemanager", "write", (WebTestHost.SiteA, SiteRole.SecurityManager));

        foreach (var client in new[] { auditor, readToken, siteManager })
        {
            (await client.GetAsync("/api/v1/soa")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.PutAsJsonAsync("/api/v1/soa/A.5.1", new { version = 0, applicable = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PostAsync("/api/v1/soa/import", SoaFiles.Upload("soa.csv", SoaFiles.Sample))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        await using var db = host.Database.CreateContext();
        (await db.WorkspaceObjects.CountAsync(o => o.Kind == "soa")).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Export_IsAnAttachment_ThatImportsBackUnchanged(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        await SoaFiles.ImportAsync(host, SoaFiles.Sample);
        var client = await host.ApiClientAsync("sam", "write", Manager);

        foreach (var format in new[] { "csv", "xlsx" })
        {
            var response = await client.GetAsync($"/api/v1/soa/export?format={format}");

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            response.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe($"soa.{format}");
            var again = await JobPolling.WaitAsync(client, await client.PostAsync("/api/v1/soa/import", SoaFiles.Upload($"soa.{format}", await response.Content.ReadAsByteArrayAsync())));
            again.GetProperty("state").GetString().ShouldBe("succeeded", format);
            (await JobPolling.ResultAsync(client, again)).GetProperty("changed").GetArrayLength().ShouldBe(0, format);
        }

        (await client.GetAsync("/api/v1/soa/export?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
