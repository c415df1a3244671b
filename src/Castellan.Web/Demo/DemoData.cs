using System.Security.Cryptography;
using Castellan.Core.Accounts;
using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Core.Zones;
using Castellan.Domain.Accounts;
using Castellan.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Demo;

/// <summary>
/// `castellan serve --demo`: the reference water treatment plant and its SoA (embedded, so a published binary has them) and a demo
/// administrator with a fresh random password each start, so a newcomer sees a living system at once.
/// </summary>
public sealed class DemoData(IServiceProvider services, WebOptions options)
{
    public const string UserName = "demo";

    public sealed record SignIn(string UserName, string Password);

    public async Task<SignIn> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CastellanDbContext>();
        if (!await db.WorkspaceObjects.AnyAsync(o => o.Kind == "site", cancellationToken))
        {
            var workspace = WorkspaceYaml.Read("water-treatment-plant.yaml", ReadResource("samples/water-treatment-plant.yaml"));
            await new WorkspaceStore(options.Database, options.Clock, "system:demo").ImportAsync(workspace, "water-treatment-plant.yaml (demo)", cancellationToken);
        }

        if (!await new LoadSoa(db).AnyStoredAsync(cancellationToken))
        {
            var soa = System.Text.Encoding.UTF8.GetBytes(ReadResource("samples/soa-2022.csv"));
            await new ImportSoa(db, options.Clock).RunAsync("system:demo", "soa-2022.csv", soa, cancellationToken: cancellationToken);
        }

        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserRow>>();
        if (await users.FindByNameAsync(UserName) is { } existing)
        {
            var token = await users.GeneratePasswordResetTokenAsync(existing);
            var reset = await users.ResetPasswordAsync(existing, token, password);
            if (!reset.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", reset.Errors.Select(e => e.Description)));
            }

            await users.SetLockoutEndDateAsync(existing, null);
        }
        else
        {
            await scope.ServiceProvider.GetRequiredService<AddUser>().RunAsync(
                UserName, password, [new AddUser.Grant(SiteRoles.AllSites, SiteRole.Administrator)], "system:demo", cancellationToken: cancellationToken);
        }

        return new SignIn(UserName, password);
    }

    public static string ReadResource(string name)
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
