using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Accounts;
using Castellan.Web.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Castellan.Web.Tests.Browser;

/// <summary>
/// A real `serve` (Kestrel on a free loopback port, SQLite, the reference plant) driven by Debian's Chromium through
/// Playwright. Never downloads a browser: scripts/test installs the distribution's package; without it the browser
/// tests report themselves skipped with the reason. On failure, <see cref="RunAsync"/> saves a screenshot.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string UserName = "alice";
    public const string Password = "correct horse battery staple";

    private BrowserSession(WebApplication app, IPlaywright playwright, IBrowser browser, IPage page, string baseUrl)
    {
        App = app;
        Playwright = playwright;
        Browser = browser;
        Page = page;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public IPage Page { get; }

    public string BaseUrl { get; }

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Skip($"browser tests need Debian's chromium at {ChromiumPath} (scripts/test installs it when run as root)");
        }

        var database = await TestDatabases.CreateAsync("sqlite");
        await new MigrateDatabase(TimeProvider.System).RunAsync(database);
        var plant = DemoData.ReadResource("samples/water-treatment-plant.yaml");
        await new WorkspaceStore(database, TimeProvider.System, "test").ImportAsync(WorkspaceYaml.Read("plant.yaml", plant), "plant.yaml");
        var options = new WebOptions { Database = await database.ForServerAsync(), Urls = "http://127.0.0.1:0" };
        var app = CastellanWeb.Build(options);
        await app.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AddUser>().RunAsync(UserName, Password, [new AddUser.Grant(SiteRoles.AllSites, SiteRole.Administrator)], "test");
        }

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        // Each step is one page load, a few hundred ms here; on a loaded 2-core CI host running the other test classes
        // and assemblies beside it, a first page load once took longer than 15 s, and a first visit of a site's page once
        // longer than 30 s (load average above 3). A broken page still fails, later.
        page.SetDefaultTimeout(60_000);
        return new BrowserSession(app, playwright, browser, page, app.Urls.First().TrimEnd('/'));
    }

    public async Task SignInAsync()
    {
        await Page.GotoAsync(BaseUrl + "/");
        await Page.FillAsync("input[name=userName]", UserName);
        await Page.FillAsync("input[name=password]", Password);
        await Page.ClickAsync("button[type=submit]");
        await Page.WaitForURLAsync(BaseUrl + "/");
    }

    /// <summary>Runs a browser scenario; on failure saves TestResults/screenshots/NAME.png and rethrows.</summary>
    public async Task RunAsync(string name, Func<IPage, Task> scenario)
    {
        try
        {
            await scenario(Page);
        }
        catch (Exception)
        {
            var folder = Path.Combine(TestPaths.RepositoryRoot, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }
}
