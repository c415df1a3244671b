using System.Net;
using System.Text;
using System.Text.Json;
using Castellan.Core.Common;
using Castellan.Core.Jobs;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Jobs;
using Castellan.Web.Tests.Soa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.Jobs;

/// <summary>
/// Background jobs end to end: the worker runs them outside the request, the API and the job page show state, progress
/// and result, failures carry a message (never a stack trace), a second instance on the database sees and runs them,
/// cancels and stale heartbeats end them, and another site's user never sees them.
/// </summary>
public sealed class JobTests
{
    private const string North = WebTestHost.SiteA;

    /// <summary>Options for a test instance: a new one each time, so each instance has its own name.</summary>
    private static JobOptions Quick(int workers = 2) =>
        new() { Workers = workers, PollInterval = TimeSpan.FromMilliseconds(100), ProgressInterval = TimeSpan.FromMilliseconds(50) };

    private static async Task<WebTestHost> StartAsync(string provider, GatedJob gated, JobOptions? options = null) =>
        await WebTestHost.StartAsync(provider, services => services.AddSingleton<IJobKind>(gated).AddSingleton(options ?? Quick()));

    private static async Task<long> QueueGatedAsync(WebTestHost host, string userName, string input = "{}")
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CastellanDbContext>();
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var id = await new QueueJob(db, TimeProvider.System).RunAsync(new QueueJob.Request(North, GatedJob.Name, $"user:{userName}", userId, InputJson: input));
        host.App.Services.GetRequiredService<JobWorker>().Wake();
        return id;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RunningJob_ShowsItsProgress_OnTheApiAndThePage_ThenItsResult(string provider)
    {
        var gated = new GatedJob();
        await using var host = await StartAsync(provider, gated);
        var browser = await host.BrowserAsync("olivia", (North, SiteRole.OtEngineer));
        var reader = await host.ApiClientAsync("audrey", "read", (North, SiteRole.Auditor));
        var id = await QueueGatedAsync(host, "olivia");
        await gated.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));

        var running = await JobPolling.UntilAsync(reader, $"/api/v1/sites/{North}/jobs/{id}", s => s.GetProperty("done").GetInt64() == 3);
        (running.GetProperty("state").GetString(), running.GetProperty("step").GetString(), running.GetProperty("total").GetInt64()).ShouldBe(("running", "test step", 10L));
        running.GetProperty("result").ValueKind.ShouldBe(JsonValueKind.Null);
        (await reader.GetAsync($"/api/v1/sites/{North}/jobs/{id}/result")).StatusCode.ShouldBe(HttpStatusCode.Conflict, "no result while it runs");
        var page = await browser.GetStringAsync($"/sites/{North}/jobs/{id}");
        page.ShouldContain("<meta http-equiv=\"refresh\" content=\"1\">");
        page.ShouldContain("<progress class=\"job\" max=\"10\" value=\"3\">");
        page.ShouldContain("test step");
        page.ShouldContain("Cancel the job", Case.Sensitive, "its starter may cancel it");
        (await reader.GetStringAsync($"/sites/{North}/jobs/{id}")).ShouldNotContain("Cancel the job");

        gated.Gate.SetResult();
        var done = await JobPolling.WaitAsync(reader, $"/api/v1/sites/{North}/jobs/{id}");

        (done.GetProperty("state").GetString(), done.GetProperty("message").GetString(), done.GetProperty("done").GetInt64()).ShouldBe(("succeeded", "gated job done", 10L));
        var file = await reader.GetAsync(done.GetProperty("result").GetString());
        (await file.Content.ReadAsStringAsync()).ShouldBe("hello");
        file.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("out.txt");
        var finished = await browser.GetStringAsync($"/sites/{North}/jobs/{id}");
        finished.ShouldNotContain("http-equiv=\"refresh\"");
        finished.ShouldContain("gated job done");
        finished.ShouldContain($"href=\"/api/v1/sites/{North}/jobs/{id}/result\"");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task InventoryImport_OfManyRows_EndsWithItsLastProgressAndAnAuditRecordByItsStarter(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("engineer", "write", (North, SiteRole.OtEngineer));
        var csv = new StringBuilder("Asset ID,Hostname,IP address,Zone\n");
        for (var i = 0; i < 3000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"bulk-{i:0000},Bulk {i},10.1.{100 + i / 250}.{i % 250 + 1},filtration\n");
        }

        using var upload = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "bulk.csv" } };
        var job = await JobPolling.WaitAsync(client, await client.PostAsync($"/api/v1/sites/{North}/assets/import?preview=false", upload));

        (job.GetProperty("state").GetString(), job.GetProperty("step").GetString()).ShouldBe(("succeeded", "writing assets"), job.ToString());
        (job.GetProperty("done").GetInt64(), job.GetProperty("total").GetInt64()).ShouldBe((3000L, 3000L));
        job.GetProperty("input").GetString().ShouldBe("bulk.csv");
        await using var db = host.Database.CreateContext();
        (await db.WorkspaceObjects.CountAsync(o => o.Site == North && o.Id.StartsWith("bulk-"))).ShouldBe(3000);
        var audit = await db.AuditRecords.Where(r => r.Action == "asset.import").SingleAsync();
        (audit.Actor, audit.Site).ShouldBe(("token:engineer/test-token", North));
        (await db.Jobs.SingleAsync()).InputContent.ShouldBeNull("the upload is dropped once the job has finished");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UnexpectedError_FailsTheJobWithAMessage_NotTheException(string provider)
    {
        var gated = new GatedJob();
        await using var host = await StartAsync(provider, gated);
        var client = await host.ApiClientAsync("olivia", "write", (North, SiteRole.OtEngineer));

        var failed = await JobPolling.WaitAsync(client, $"/api/v1/sites/{North}/jobs/{await QueueGatedAsync(host, "olivia", GatedJob.Throw)}");

        failed.GetProperty("state").GetString().ShouldBe("failed");
        var message = failed.GetProperty("message").GetString()!;
        message.ShouldContain("failed unexpectedly");
        message.ShouldContain("logged on the server");
        message.ShouldNotContain("/srv/secret");
        message.ShouldNotContain("InvalidOperationException");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TwoInstances_AJobQueuedThroughOne_RunsOnceOnTheOther_AndBothShowIt(string provider)
    {
        await using var first = await WebTestHost.StartAsync(provider, services => services.AddSingleton(Quick(workers: 0)));
        await using var second = await first.StartAnotherInstanceAsync(services => services.AddSingleton(Quick()));
        var client = await first.ApiClientAsync("sam", "write", ("*", SiteRole.SecurityManager));
        var viaSecond = second.Anonymous();
        viaSecond.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;

        var accepted = await client.PostAsync("/api/v1/soa/import", SoaFiles.Upload("soa-2022.csv", SoaFiles.Sample));
        var done = await JobPolling.WaitAsync(viaSecond, accepted);

        done.GetProperty("state").GetString().ShouldBe("succeeded");
        (await JobPolling.WaitAsync(client, done.GetProperty("location").GetString()!)).GetProperty("state").GetString().ShouldBe("succeeded");
        (await JobPolling.ResultAsync(client, done)).GetProperty("imported").GetBoolean().ShouldBeTrue();
        await using var db = first.Database.CreateContext();
        (await db.Jobs.SingleAsync()).Owner.ShouldBe(second.App.Services.GetRequiredService<JobOptions>().Instance);
        (await db.AuditRecords.CountAsync(r => r.Action == "soa.import")).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TwoInstancesRacing_RunEveryJobExactlyOnce(string provider)
    {
        await using var first = await WebTestHost.StartAsync(provider, services => services.AddSingleton(Quick()));
        await using var second = await first.StartAnotherInstanceAsync(services => services.AddSingleton(Quick()));
        var client = await first.ApiClientAsync("sam", "write", ("*", SiteRole.SecurityManager));

        var accepted = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            accepted.Add(await client.PostAsync("/api/v1/soa/import", SoaFiles.Upload($"soa-{i}.csv", SoaFiles.Sample)));
        }

        foreach (var response in accepted)
        {
            (await JobPolling.WaitAsync(client, response)).GetProperty("state").GetString().ShouldBe("succeeded");
        }

        await using var db = first.Database.CreateContext();
        (await db.AuditRecords.CountAsync(r => r.Action == "soa.import" && r.Outcome == "ok")).ShouldBe(6, "one import, one record, per job");
        var owners = await db.Jobs.Select(j => j.Owner).ToListAsync();
        owners.ShouldAllBe(o => o == Instance(first) || o == Instance(second));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancel_ARunningJob_StopsIt_OnlyForItsStarter(string provider)
    {
        var gated = new GatedJob();
        await using var host = await StartAsync(provider, gated);
        var starter = await host.ApiClientAsync("olivia", "write", (North, SiteRole.OtEngineer));
        var colleague = await host.ApiClientAsync("oscar", "write", (North, SiteRole.OtEngineer));
        var readToken = await host.ApiClientAsync("olivia-read", "read", (North, SiteRole.OtEngineer));
        var id = await QueueGatedAsync(host, "olivia");
        await gated.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var cancel = $"/api/v1/sites/{North}/jobs/{id}/cancel";

        (await colleague.PostAsync(cancel, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await readToken.PostAsync(cancel, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var requested = await starter.PostAsync(cancel, null);
        requested.StatusCode.ShouldBe(HttpStatusCode.OK, await requested.Content.ReadAsStringAsync());
        var ended = await JobPolling.WaitAsync(starter, $"/api/v1/sites/{North}/jobs/{id}");

        ended.GetProperty("state").GetString().ShouldBe("cancelled");
        ended.GetProperty("message").GetString()!.ShouldContain("nothing was written");
        gated.Finished.ShouldBeFalse("the job stopped at its cancellation token");
        (await starter.PostAsync(cancel, null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancel_AQueuedJobFromItsPage_EndsItAtOnce(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider, services => services.AddSingleton(Quick(workers: 0)));
        var browser = await host.BrowserAsync("sam", ("*", SiteRole.SecurityManager));
        var form = await SoaFiles.AntiforgeryTokenAsync(browser, "/soa/import");
        var started = await browser.PostAsync("/soa/import", SoaFiles.Upload("soa-2022.csv", SoaFiles.Sample, form));
        var page = started.Headers.Location!.ToString();
        page.ShouldMatch("^/jobs/[0-9]+$");
        var queued = await browser.GetStringAsync(page);
        queued.ShouldContain("Waiting for a worker");

        var cancelled = await WebTestHost.PostFormAsync(browser, page, new(), page + "?handler=cancel");

        cancelled.StatusCode.ShouldBe(HttpStatusCode.Found);
        var html = await browser.GetStringAsync(page);
        html.ShouldContain(">cancelled<");
        html.ShouldContain("cancelled by user:sam before it started");
        await using var db = host.Database.CreateContext();
        (await db.AuditRecords.CountAsync(r => r.Action == "soa.import")).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StaleHeartbeat_OfAnInstanceThatDied_FailsItsJobWithAClearMessage(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider,
            services => services.AddSingleton(Quick() with { HeartbeatInterval = TimeSpan.FromMilliseconds(200), StaleAfter = TimeSpan.FromSeconds(30) }));
        var client = await host.ApiClientAsync("olivia", "write", (North, SiteRole.OtEngineer));
        long id;
        await using (var db = host.Database.CreateContext())
        {
            var clock = TimeProvider.System;
            id = await new QueueJob(db, clock).RunAsync(new QueueJob.Request(North, "inventory.preview", "user:olivia", "u", InputName: "x.csv", InputContent: [1]));
            // Claimed by an instance that then died: it never wrote a heartbeat again.
            await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running).SetProperty(j => j.Owner, "dead-host/1/0")
                .SetProperty(j => j.HeartbeatAt, clock.GetUtcNow().UtcDateTime.AddMinutes(-5)));
        }

        var failed = await JobPolling.WaitAsync(client, $"/api/v1/sites/{North}/jobs/{id}");

        failed.GetProperty("state").GetString().ShouldBe("failed");
        failed.GetProperty("message").GetString()!.ShouldContain("dead-host/1/0");
        failed.GetProperty("message").GetString()!.ShouldContain("stopped answering");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AJobOfOneSite_IsNotFound_UnderAnotherSiteOrTheOrganisation(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var both = await host.ApiClientAsync("both", "write", (North, SiteRole.OtEngineer), (WebTestHost.SiteB, SiteRole.OtEngineer));
        var south = await host.ApiClientAsync("southie", "write", (WebTestHost.SiteB, SiteRole.OtEngineer));
        using var upload = new MultipartFormDataContent { { new ByteArrayContent("Hostname,IP address\nx,10.1.1.222\n"u8.ToArray()), "file", "x.csv" } };
        var job = await JobPolling.WaitAsync(both, await both.PostAsync($"/api/v1/sites/{North}/assets/import", upload));
        var id = job.GetProperty("id").GetInt64();

        foreach (var url in new[] { $"/api/v1/sites/{WebTestHost.SiteB}/jobs/{id}", $"/api/v1/sites/{WebTestHost.SiteB}/jobs/{id}/result", $"/api/v1/jobs/{id}",
                     $"/api/v1/jobs/{id}/result", $"/sites/{WebTestHost.SiteB}/jobs/{id}", $"/jobs/{id}" })
        {
            (await both.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        (await south.GetAsync($"/api/v1/sites/{North}/jobs/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await south.PostAsync($"/api/v1/sites/{WebTestHost.SiteB}/jobs/{id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await both.GetAsync($"/api/v1/sites/{North}/jobs/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string Instance(WebTestHost host) => host.App.Services.GetRequiredService<JobOptions>().Instance;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task JobList_NewestFirst_PagedWithANextLink_OnTheApiAndThePage_AndNotAcrossSites(string provider)
    {
        var gated = new GatedJob();
        await using var host = await StartAsync(provider, gated, Quick(workers: 1));
        var browser = await host.BrowserAsync("olivia", (North, SiteRole.OtEngineer));
        var reader = await host.ApiClientAsync("audrey", "read", (North, SiteRole.Auditor));
        var southern = await host.ApiClientAsync("sam", "read", (WebTestHost.SiteB, SiteRole.Auditor));
        long[] ids = [await QueueGatedAsync(host, "olivia", "1"), await QueueGatedAsync(host, "olivia", "2"), await QueueGatedAsync(host, "olivia", "3")];

        var first = JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/sites/{North}/jobs?size=2")).RootElement;
        var second = JsonDocument.Parse(await reader.GetStringAsync(first.GetProperty("next").GetString())).RootElement;

        first.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).ShouldBe([ids[2], ids[1]]);
        second.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).ShouldBe([ids[0]]);
        second.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        first.GetProperty("jobs")[0].GetProperty("location").GetString().ShouldBe($"/api/v1/sites/{North}/jobs/{ids[2]}");
        var page = await browser.GetStringAsync($"/sites/{North}/jobs");
        foreach (var id in ids)
        {
            page.ShouldContain($"href=\"/sites/{North}/jobs/{id}\"");
        }

        page.ShouldContain("Gated test job");
        (await southern.GetAsync($"/api/v1/sites/{North}/jobs")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonDocument.Parse(await reader.GetStringAsync("/api/v1/jobs")).RootElement.GetProperty("jobs").GetArrayLength().ShouldBe(0, "site jobs are not the organisation's");
        gated.Gate.SetResult();
        await JobPolling.WaitAsync(reader, $"/api/v1/sites/{North}/jobs/{ids[2]}");
    }

    /// <summary>A job kind for these tests: it reports 3 of 10, then waits for the test (or its cancellation), or throws.</summary>
    private sealed class GatedJob : IJobKind
    {
        public const string Name = "test.gated";

        public const string Throw = "\"throw\"";

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<long> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Finished { get; private set; }

        public string Kind => Name;

        public string Title => "Gated test job";

        public string ResultView => "/GapAnalysis/_GapReportJob.cshtml";

        public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
        {
            if (run.Job.InputJson == Throw)
            {
                throw new InvalidOperationException("internal detail at /srv/secret/path");
            }

            run.Progress.Report(new WorkProgress("test step", 3, 10));
            Started.TrySetResult(run.Job.Id);
            await Gate.Task.WaitAsync(cancellationToken);
            run.Progress.Report(new WorkProgress("test step", 10, 10));
            Finished = true;
            return new JobOutcome(true, "gated job done", FileName: "out.txt", ContentType: "text/plain", Content: "hello"u8.ToArray());
        }
    }
}
