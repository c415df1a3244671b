using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Castellan.Core.Accounts;
using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Accounts;
using Castellan.Web.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests;

/// <summary>
/// The real web host (Castellan.Web.CastellanWeb.Build) on an in-memory TestServer over a real database (SQLite or
/// PostgreSQL), holding two sites: the reference plant "north-wtp" and a copy of it as "south-wtp".
/// </summary>
public sealed partial class WebTestHost : IAsyncDisposable
{
    public const string SiteA = "north-wtp";
    public const string SiteB = "south-wtp";
    public const string Password = "correct horse battery staple";

    private WebTestHost(WebApplication app, DatabaseTarget database)
    {
        App = app;
        Database = database;
    }

    public WebApplication App { get; }

    public DatabaseTarget Database { get; }

    public static async Task<WebTestHost> StartAsync(string provider, Action<IServiceCollection>? services = null, Func<WebOptions, WebOptions>? options = null)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(TimeProvider.System).RunAsync(database);
        var plant = DemoData.ReadResource("samples/water-treatment-plant.yaml");
        var store = new WorkspaceStore(database, TimeProvider.System, "test");
        await store.ImportAsync(WorkspaceYaml.Read("north.yaml", plant), "north.yaml");
        await store.ImportAsync(WorkspaceYaml.Read("south.yaml", plant.Replace(SiteA, SiteB, StringComparison.Ordinal).Replace("North Water", "South Water", StringComparison.Ordinal)), "south.yaml");
        var webOptions = new WebOptions { Database = await database.ForServerAsync() };
        var app = CastellanWeb.Build(options?.Invoke(webOptions) ?? webOptions, builder =>
        {
            builder.WebHost.UseTestServer();
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new WebTestHost(app, database);
    }

    public HttpClient Anonymous() => new(new CookieJar(App.GetTestServer().CreateHandler())) { BaseAddress = new Uri("http://localhost") };

    /// <summary>Creates a user holding <paramref name="grants"/>; returns its user id.</summary>
    public async Task<string> CreateUserAsync(string name, params (string Site, SiteRole Role)[] grants)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<AddUser>()
            .RunAsync(name, Password, [.. grants.Select(g => new AddUser.Grant(g.Site, g.Role))], "test");
        return user.Id;
    }

    /// <summary>A client that calls the API with a fresh personal token of a new user holding <paramref name="grants"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(string name, string scope, params (string Site, SiteRole Role)[] grants)
    {
        var userId = await CreateUserAsync(name, grants);
        await using var services = App.Services.CreateAsyncScope();
        var token = await new ApiTokens(services.ServiceProvider.GetRequiredService<CastellanDbContext>(), TimeProvider.System)
            .CreateAsync(userId, "test", "test-token", scope, TimeSpan.FromDays(1));
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    /// <summary>A browser-like client (cookies, forms) signed in as a new user holding <paramref name="grants"/>.</summary>
    public async Task<HttpClient> BrowserAsync(string name, params (string Site, SiteRole Role)[] grants)
    {
        await CreateUserAsync(name, grants);
        var client = Anonymous();
        var response = await PostFormAsync(client, "/account/login", new() { ["userName"] = name, ["password"] = Password });
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>GETs the page, takes its antiforgery token, and POSTs the form fields to it (or to <paramref name="action"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> fields, string? action = null)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryField().Match(html);
        token.Success.ShouldBeTrue($"{page} has no antiforgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(fields));
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Keeps cookies between requests like a browser; does not follow redirects, so tests see them.</summary>
    private sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = _cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    _cookies.SetCookies(request.RequestUri!, value);
                }
            }

            return response;
        }
    }
}
