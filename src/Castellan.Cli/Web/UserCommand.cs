using System.CommandLine;
using System.Security.Cryptography;
using Castellan.Core.Common;
using Castellan.Domain.Accounts;
using Castellan.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Cli.Web;

/// <summary>castellan user add NAME --role ROLE [--site SITE]: accounts from the command line. No default password exists.</summary>
public static class UserCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The user name to sign in with." };
        var role = new Option<string[]>("--role") { Description = "admin | security-manager | assessor | ot-engineer | auditor (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var site = new Option<string>("--site") { Description = "The site the roles are granted on; default: every site (*).", DefaultValueFactory = _ => SiteRoles.AllSites };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of generating one." };
        var add = new Command("add", "Create an account. Prints a generated password once unless --password-stdin is given.") { name, role, site, passwordStdin };
        add.SetAction(async (parse, ct) =>
        {
            var grants = new List<AddUser.Grant>();
            foreach (var text in parse.GetValue(role)!)
            {
                if (!SiteRoles.TryParse(text, out var parsed))
                {
                    throw new UsageException($"--role: '{text}' is not a role; roles: {string.Join(", ", Enum.GetValues<SiteRole>().Select(r => r.ToWire()))}");
                }

                grants.Add(new AddUser.Grant(parse.GetValue(site)!, parsed));
            }

            var fromStdin = parse.GetValue(passwordStdin);
            var password = fromStdin ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "" : RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
            var target = await context.ReadyDatabaseAsync(parse, ct);
            await using var services = AccountServices.Create(target, context.Clock);
            await using var scope = services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<AddUser>().RunAsync(parse.GetValue(name)!, password, grants, context.Actor, cancellationToken: ct);
            await context.Out.WriteLineAsync($"Created user '{user.UserName}' with {string.Join(", ", grants.Select(g => $"{g.Role.ToWire()} on {(g.Site == SiteRoles.AllSites ? "every site" : g.Site)}"))}.");
            if (!fromStdin)
            {
                await context.Out.WriteLineAsync($"Password (shown once): {password}");
            }

            return 0;
        });
        var tokenUser = new Argument<string>("name") { Description = "The user the token acts as." };
        var tokenName = new Option<string>("--name") { Description = "A name to tell the token apart.", DefaultValueFactory = _ => "cli" };
        var scope = new Option<string>("--scope") { Description = "read | write", DefaultValueFactory = _ => "read" };
        var days = new Option<int>("--days") { Description = "Days until the token expires (at most 365).", DefaultValueFactory = _ => 90 };
        var token = new Command("token", "Create a personal API token for a user (for scripts and the REST API); printed once, stored hashed.") { tokenUser, tokenName, scope, days };
        token.SetAction(async (parse, ct) =>
        {
            var target = await context.ReadyDatabaseAsync(parse, ct);
            await using var services = AccountServices.Create(target, context.Clock);
            await using var serviceScope = services.CreateAsyncScope();
            var users = serviceScope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Accounts.UserRow>>();
            var user = await users.FindByNameAsync(parse.GetValue(tokenUser)!) ?? throw new UsageException($"no user '{parse.GetValue(tokenUser)}'");
            var created = await new Core.Accounts.ApiTokens(serviceScope.ServiceProvider.GetRequiredService<Core.Persistence.CastellanDbContext>(), context.Clock)
                .CreateAsync(user.Id, context.Actor, parse.GetValue(tokenName)!, parse.GetValue(scope)!, TimeSpan.FromDays(parse.GetValue(days)), ct);
            await context.Out.WriteLineAsync(created.Token);
            await context.Error.WriteLineAsync($"Token '{created.Row.Name}' ({created.Row.Scope}) for {user.UserName}, expires {created.Row.ExpiresAt:yyyy-MM-dd}. Shown once: keep it safe.");
            return 0;
        });
        return new Command("user", "Manage accounts of the web application.") { add, token };
    }
}
