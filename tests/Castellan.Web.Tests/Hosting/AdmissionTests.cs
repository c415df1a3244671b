using System.Net;
using System.Net.Http.Json;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Web.Hosting;

namespace Castellan.Web.Tests.Hosting;

/// <summary>Admission control: a full instance answers 503 with Retry-After, reads and /healthz still answer, and the next request gets in.</summary>
public sealed class AdmissionTests
{
    [Fact]
    public async Task FullInstance_RefusesWithRetryAfter_ReadsAndHealthStillAnswer_ThenAdmitsAgain()
    {
        await using var host = await WebTestHost.StartAsync("sqlite", options: o => o with { Admission = new AdmissionOptions { Concurrency = 1, QueueLimit = 1, MaxWait = TimeSpan.FromSeconds(2) } });
        var client = await host.ApiClientAsync("otto", "write", (WebTestHost.SiteA, SiteRole.OtEngineer));

        // The one place for changes is taken by a zone creation that waits for the database: this test holds the write transaction.
        await using var db = host.Database.CreateContext();
        var writer = await db.Database.BeginWriteAsync();
        var held = client.PostAsync($"/api/v1/sites/{WebTestHost.SiteA}/zones", JsonContent.Create(new { id = "held", name = "Held zone", purdue = "3", slt = "1 1 1 1 1 1 1" }));
        // A probe that needs no database: 404 while a place is free, 503 after waiting 2 s once the creation holds it.
        var probe = $"/api/v1/sites/{WebTestHost.SiteA}/no-such-thing";
        HttpResponseMessage refused;
        var waiting = System.Diagnostics.Stopwatch.StartNew(); // a hang deadline, not a timing assertion
        do
        {
            refused = await client.PostAsync(probe, null);
        }
        while (refused.StatusCode == HttpStatusCode.NotFound && waiting.Elapsed < TimeSpan.FromSeconds(30));

        held.IsCompleted.ShouldBeFalse(held.IsCompleted ? $"{(await held).StatusCode} {await (await held).Content.ReadAsStringAsync()}" : "");
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await client.GetAsync($"/api/v1/sites/{WebTestHost.SiteA}/zones")).StatusCode.ShouldBe(HttpStatusCode.OK); // reads have their own places
        (await host.Anonymous().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await writer.RollbackAsync();
        (await held.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsync(probe, null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SignInLimit_SaysWhenToComeBack()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        await host.CreateUserAsync("someone", (WebTestHost.SiteA, SiteRole.Auditor));
        var client = host.Anonymous();
        HttpResponseMessage response;
        var tries = 0;
        do
        {
            response = await client.GetAsync("/account/login");
        }
        while (response.StatusCode == HttpStatusCode.OK && ++tries < 30);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }
}
