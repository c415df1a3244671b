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
        return new Command("user", "Manage accounts of the web application.") { add };
    }
}
