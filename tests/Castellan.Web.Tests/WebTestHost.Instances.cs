using Microsoft.AspNetCore.TestHost;

namespace Castellan.Web.Tests;

/// <summary>Several server instances on one database, and a browser that can talk to any of them with one cookie jar.</summary>
public sealed partial class WebTestHost
{
    /// <summary>A second, independent host (its own services, caches, rate limiters) on this host's database.</summary>
    public async Task<WebTestHost> StartAnotherInstanceAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var app = CastellanWeb.Build(new WebOptions { Database = Database }, builder =>
        {
            builder.WebHost.UseTestServer();
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new WebTestHost(app, Database);
    }

    /// <summary>One browser (cookies kept) whose requests go to <c>hosts[switcher.Target]</c>, like a load balancer would send them.</summary>
    public static HttpClient SharedBrowser(InstanceSwitch switcher) =>
        new(new CookieJar(switcher)) { BaseAddress = new Uri("http://localhost") };

    public sealed class InstanceSwitch(params WebTestHost[] hosts) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker[] _instances = [.. hosts.Select(h => new HttpMessageInvoker(h.App.GetTestServer().CreateHandler()))];

        public int Target { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _instances[Target].SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var instance in _instances)
                {
                    instance.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }
}
