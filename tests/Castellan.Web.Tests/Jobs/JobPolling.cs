using System.Net;
using System.Text.Json;

namespace Castellan.Web.Tests.Jobs;

/// <summary>What a client of a job does: follow the 202's Location (or a page's redirect) and poll until the job has finished.</summary>
internal static class JobPolling
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static readonly string[] Finished = ["succeeded", "failed", "cancelled"];

    /// <summary>The job's final status, from the Location of a 202 Accepted.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, HttpResponseMessage accepted)
    {
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        return await WaitAsync(client, accepted.Headers.Location!.ToString());
    }

    public static Task<JsonElement> WaitAsync(HttpClient client, string location) =>
        UntilAsync(client, location, status => Finished.Contains(status.GetProperty("state").GetString()));

    /// <summary>Polls the job's status until <paramref name="condition"/> holds (a hung job fails the test after a while).</summary>
    public static async Task<JsonElement> UntilAsync(HttpClient client, string location, Func<JsonElement, bool> condition)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync(location)).RootElement;
            if (condition(status))
            {
                return status;
            }

            started.Elapsed.ShouldBeLessThan(Patience, $"{location} did not reach the expected state: {status}");
            await Task.Delay(50);
        }
    }

    /// <summary>The job's result (JSON) as the status links it.</summary>
    public static async Task<JsonElement> ResultAsync(HttpClient client, JsonElement status)
    {
        var result = await client.GetAsync(status.GetProperty("result").GetString());
        result.StatusCode.ShouldBe(HttpStatusCode.OK, await result.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await result.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Follows a page's redirect to a job page and reloads it, as its meta refresh does, until the job has finished; the final page.</summary>
    public static async Task<string> PageAsync(HttpClient browser, HttpResponseMessage redirect)
    {
        redirect.StatusCode.ShouldBe(HttpStatusCode.Found, await redirect.Content.ReadAsStringAsync());
        var page = redirect.Headers.Location!.ToString();
        page.ShouldContain("/jobs/");
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await browser.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
            if (!html.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                return html;
            }

            started.Elapsed.ShouldBeLessThan(Patience, $"{page} did not finish");
            await Task.Delay(50);
        }
    }
}
