using System.CommandLine;
using Castellan.Core.Accounts;
using Castellan.Core.Persistence;
using Castellan.Web;
using Castellan.Web.Demo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Cli.Web;

/// <summary>castellan serve [--urls URL] [--demo]: the web application and REST API on the same database as the CLI.</summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var demo = new Option<bool>("--demo") { Description = "Load the reference water treatment plant and print a demo sign-in (a new random password each start)." };
        var oidcAuthority = new Option<string?>("--oidc-authority") { Description = "Optional OpenID Connect sign-in: the issuer URL (with --oidc-client-id; secret from $CASTELLAN_OIDC_SECRET)." };
        var oidcClient = new Option<string?>("--oidc-client-id") { Description = "OpenID Connect client id." };
        var maxRequests = new Option<int?>("--max-requests")
        {
            Description = "Requests worked on at once; the others wait their turn (up to 0.75 s, then 503). Default: 4 per core (at least 8) on SQLite, 16 per core (at least 32) on PostgreSQL.",
        };
        maxRequests.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--max-requests: must be at least 1");
            }
        });
        var command = new Command("serve", "Run the web application and the REST API (/api/v1, OpenAPI at /openapi/v1.json).") { urls, demo, oidcAuthority, oidcClient, maxRequests };
        command.SetAction(async (parse, ct) =>
        {
            var target = await (await context.ReadyDatabaseAsync(parse, ct)).ForServerAsync(ct);
            var authority = parse.GetValue(oidcAuthority);
            var options = new WebOptions
            {
                Database = target,
                Urls = parse.GetValue(urls)!,
                Console = context.Out,
                Clock = context.Clock,
                Admission = new Castellan.Web.Hosting.AdmissionOptions { Concurrency = parse.GetValue(maxRequests) },
                OpenId = authority is null ? null : new OpenIdOptions(authority, parse.GetValue(oidcClient) ?? throw new Core.Common.UsageException("--oidc-client-id: required with --oidc-authority"),
                    Environment.GetEnvironmentVariable("CASTELLAN_OIDC_SECRET")),
            };
            await using var app = CastellanWeb.Build(options);
            await context.Out.WriteLineAsync($"Database: {target.Description}");
            if (parse.GetValue(demo))
            {
                var signIn = await new DemoData(app.Services, options).LoadAsync(ct);
                await context.Out.WriteLineAsync($"Demo: the water treatment plant is loaded. Sign in as '{signIn.UserName}' with password: {signIn.Password}");
            }
            else
            {
                await using var scope = app.Services.CreateAsyncScope();
                if (await new SetupCodes(scope.ServiceProvider.GetRequiredService<CastellanDbContext>()).IssueAsync(ct) is { } code)
                {
                    await context.Out.WriteLineAsync($"No account exists yet. Open the address below and enter this one-time setup code: {code}");
                    await context.Out.WriteLineAsync("(Or create accounts from the command line: castellan user add NAME --role admin)");
                }
            }

            await app.StartAsync(ct);
            foreach (var address in app.Urls)
            {
                await context.Out.WriteLineAsync($"Castellan is running at {address}/   (Ctrl+C to stop)");
            }

            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
