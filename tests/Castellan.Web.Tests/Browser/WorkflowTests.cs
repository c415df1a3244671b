namespace Castellan.Web.Tests.Browser;

/// <summary>The browser journey, in one session: sign in, edit the SoA, create a zone and a conduit, see the
/// diagram, run a gap analysis and download the report (made by a job) — in Debian's Chromium, no script or CSP errors on the way.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public async Task Journey_SignInEditSoaCreateZoneAndConduitSeeDiagramRunGapDownloadReport()
    {
        await using var session = await BrowserSession.StartAsync();
        var problems = new List<string>();
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console on {session.Page.Url}: " + message.Text[..Math.Min(80, message.Text.Length)]);
            }
        };
        session.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };
        var site = session.BaseUrl + "/sites/north-wtp";
        await session.RunAsync(nameof(Journey_SignInEditSoaCreateZoneAndConduitSeeDiagramRunGapDownloadReport), async page =>
        {
            await session.SignInAsync();

            // The SoA: mark A.5.15 applicable and implemented, with an owner; the page comes back with the saved row.
            await page.GotoAsync(session.BaseUrl + "/soa");
            await page.SelectOptionAsync("select[aria-label='Applicable A.5.15']", "true");
            await page.SelectOptionAsync("select[aria-label='Implementation A.5.15']", "implemented");
            await page.FillAsync("input[aria-label='Owner A.5.15']", "Head of OT security");
            await page.Locator("tr", new() { Has = page.Locator("select[aria-label='Applicable A.5.15']") }).Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("saved=A.5.15", StringComparison.Ordinal));
            (await page.InputValueAsync("input[aria-label='Owner A.5.15']")).ShouldBe("Head of OT security");

            // A zone, then a conduit from it to the enterprise zone.
            await page.GotoAsync(site + "/zones/new");
            await page.FillAsync("input[name='Form.Id']", "pw-pilot");
            await page.FillAsync("input[name='Form.Name']", "Pilot plant");
            await page.FillAsync("input[name='Form.Slt']", "2 2 2 1 2 1 2");
            await page.ClickAsync("button:has-text('Create the zone')");
            await page.WaitForURLAsync(site + "/zones/pw-pilot");
            (await page.TextContentAsync("main h1"))!.ShouldContain("Pilot plant");

            await page.GotoAsync(site + "/conduits/new");
            await page.FillAsync("input[name='Form.Id']", "pw-pilot-uplink");
            await page.FillAsync("input[name='Form.Name']", "Pilot uplink");
            await page.FillAsync("input[name='Form.From']", "pw-pilot");
            await page.FillAsync("input[name='Form.To']", "enterprise");
            await page.FillAsync("textarea[name='Form.Channels']", "https 443");
            await page.FillAsync("input[name='Form.Slt']", "2 2 2 1 2 1 2");
            await page.ClickAsync("button:has-text('Create the conduit')");
            await page.WaitForURLAsync(site + "/conduits/pw-pilot-uplink");

            // The diagram shows the new zone.
            await page.GotoAsync(site + "/diagram");
            var image = page.Locator(".diagram img");
            await image.WaitForAsync();
            (await image.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0")).ShouldBeGreaterThan(0);
            var svg = await page.Context.APIRequest.GetAsync(session.BaseUrl + "/api/v1/sites/north-wtp/diagram.svg");
            (await svg.TextAsync()).ShouldContain("pw-pilot");

            // The gap analysis against 62443-3-3 at SL 2, and its HTML report downloaded.
            await page.GotoAsync(session.BaseUrl + "/gap");
            await page.SelectOptionAsync("select[name=target]", "iec62443-3-3-2013@SL2");
            await page.ClickAsync("button:has-text('Run')");
            await page.WaitForURLAsync(url => url.Contains("target=iec62443-3-3-2013", StringComparison.Ordinal));
            (await page.ContentAsync()).ShouldContain("SR 1.1");
            // The report is made by a background job: its page reloads itself until the download is ready.
            await page.ClickAsync("button:has-text('HTML')");
            await page.WaitForURLAsync(url => url.Contains("/jobs/", StringComparison.Ordinal));
            var ready = page.Locator("a:has-text('Download gap-')");
            await ready.WaitForAsync(new() { Timeout = 120_000 });
            var download = await page.RunAndWaitForDownloadAsync(() => ready.ClickAsync());
            var saved = Path.Combine(Path.GetTempPath(), "castellan-browser-" + Guid.NewGuid().ToString("N") + ".html");
            await download.SaveAsAsync(saved);
            var report = await File.ReadAllTextAsync(saved);
            report.ShouldContain("iec62443-3-3-2013@SL2");
            report.ShouldContain("SR 1.1");
        });
        problems.ShouldBeEmpty();
    }
}
