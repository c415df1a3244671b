using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Castellan.Core.Audit;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.Administration;

public sealed class UsersTests
{
    private const string North = WebTestHost.SiteA;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task GrantAndRevoke_ThroughTheApi_ChangeWhatTheUserMaySee(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var admin = await host.ApiClientAsync("root", "write", (SiteRoles.AllSites, SiteRole.Administrator));
        var bob = await host.ApiClientAsync("bob", "write", (WebTestHost.SiteB, SiteRole.Auditor));
        (await bob.GetAsync($"/api/v1/sites/{North}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await admin.PostAsJsonAsync("/api/v1/users/bob/roles", new { site = North, role = "assessor" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/v1/users/bob/roles", new { site = North, role = "assessor" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bob.GetAsync($"/api/v1/sites/{North}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var list = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/users?page=1&size=10"));
        list.RootElement.GetProperty("total").GetInt32().ShouldBe(2);
        var bobRow = list.RootElement.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "bob");
        bobRow.GetProperty("status").GetString().ShouldBe("active");
        bobRow.GetProperty("roles").EnumerateArray().Select(r => $"{r.GetProperty("role").GetString()}@{r.GetProperty("site").GetString()}")
            .ShouldBe(["assessor@north-wtp", "auditor@south-wtp"]);
        using var second = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/users?page=2&size=1"));
        second.RootElement.GetProperty("users").EnumerateArray().Single().GetProperty("userName").GetString().ShouldBe("root");

        (await admin.DeleteAsync($"/api/v1/users/bob/roles?site={North}&role=assessor")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bob.GetAsync($"/api/v1/sites/{North}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.DeleteAsync($"/api/v1/users/bob/roles?site={North}&role=assessor")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var audit = await AccountPageTests.AuditAsync(host, "user/bob");
        audit.ShouldBe(["user.add:ok", "role.grant:ok", "role.revoke:ok"]);
        await ChainIntactAsync(host);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BadRequests_NameTheField_AndNonAdministratorsAreRefused(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var admin = await host.ApiClientAsync("root", "write", (SiteRoles.AllSites, SiteRole.Administrator));
        await host.CreateUserAsync("bob", (North, SiteRole.Auditor));

        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/users/bob/roles", new { site = North, role = "king" }), HttpStatusCode.BadRequest, "role: 'king' is not a role");
        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/users/bob/roles", new { site = "atlantis", role = "auditor" }), HttpStatusCode.BadRequest, "site: no site 'atlantis'");
        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/users/nobody/roles", new { site = North, role = "auditor" }), HttpStatusCode.NotFound, "no user 'nobody'");
        await ProblemAsync(await admin.DeleteAsync("/api/v1/users/bob/roles?role=auditor"), HttpStatusCode.BadRequest, "site:");

        // Administering is organisation-wide: a security manager on *, an administrator of one site, a read-only token: 403.
        var manager = await host.ApiClientAsync("sm", "write", (SiteRoles.AllSites, SiteRole.SecurityManager));
        var siteAdmin = await host.ApiClientAsync("north-admin", "write", (North, SiteRole.Administrator));
        var readOnly = await host.ApiClientAsync("root-reader", "read", (SiteRoles.AllSites, SiteRole.Administrator));
        foreach (var client in new[] { manager, siteAdmin })
        {
            (await client.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PostAsJsonAsync("/api/v1/users/bob/roles", new { site = North, role = "admin" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await readOnly.PostAsJsonAsync("/api/v1/users/bob/roles", new { site = North, role = "admin" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.Anonymous().GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountPageTests.AuditAsync(host, "user/bob")).ShouldBe(["user.add:ok"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TheLastAdministrator_CannotBeRevokedOrDisabled(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var root = await host.ApiClientAsync("root", "write", (SiteRoles.AllSites, SiteRole.Administrator));
        await host.CreateUserAsync("bob", (North, SiteRole.Administrator));

        await ProblemAsync(await root.DeleteAsync("/api/v1/users/root/roles?site=*&role=admin"), HttpStatusCode.BadRequest, "last administrator role on every site");
        await ProblemAsync(await root.PostAsync("/api/v1/users/root/disable", null), HttpStatusCode.BadRequest, "last administrator role on every site");
        (await root.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A disabled administrator does not count: bob must be active to take over.
        (await root.PostAsJsonAsync("/api/v1/users/bob/roles", new { site = "*", role = "admin" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await root.PostAsync("/api/v1/users/bob/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ProblemAsync(await root.DeleteAsync("/api/v1/users/root/roles?site=*&role=admin"), HttpStatusCode.BadRequest, "last administrator");
        (await root.PostAsync("/api/v1/users/bob/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await root.DeleteAsync("/api/v1/users/root/roles?site=*&role=admin")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await root.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var audit = await AccountPageTests.AuditAsync(host, "user/root");
        audit.Count(a => a == "role.revoke:refused").ShouldBe(2);
        audit.ShouldContain("user.disable:refused");
        audit.ShouldContain("role.revoke:ok");
        await ChainIntactAsync(host);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DisableAndUnlock_StopAndRestoreSignInAndTokens(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var root = await host.BrowserAsync("root", (SiteRoles.AllSites, SiteRole.Administrator));
        var carol = await host.ApiClientAsync("carol", "read", (North, SiteRole.Auditor));
        (await carol.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await root.GetStringAsync("/admin/users");
        page.ShouldContain("carol");
        page.ShouldContain("auditor@north-wtp");

        var disabled = await WebTestHost.PostFormAsync(root, "/admin/users", new() { ["user"] = "carol" }, "/admin/users?handler=disable");
        (await disabled.Content.ReadAsStringAsync()).ShouldContain("carol is disabled");
        (await carol.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await WebTestHost.PostFormAsync(host.Anonymous(), "/account/login", new() { ["userName"] = "carol", ["password"] = WebTestHost.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await root.GetStringAsync("/admin/users")).ShouldContain("badge bad\">disabled");

        var unlocked = await WebTestHost.PostFormAsync(root, "/admin/users", new() { ["user"] = "carol" }, "/admin/users?handler=unlock");
        (await unlocked.Content.ReadAsStringAsync()).ShouldContain("carol can sign in again");
        (await carol.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var granted = await WebTestHost.PostFormAsync(root, "/admin/users", new() { ["user"] = "carol", ["site"] = WebTestHost.SiteB, ["role"] = "assessor" }, "/admin/users?handler=grant");
        (await granted.Content.ReadAsStringAsync()).ShouldContain("assessor@south-wtp");
        var refused = await WebTestHost.PostFormAsync(root, "/admin/users", new() { ["user"] = "root", ["site"] = "*", ["role"] = "admin" }, "/admin/users?handler=revoke");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("last administrator role on every site");

        var auditor = await host.BrowserAsync("eve", (SiteRoles.AllSites, SiteRole.Auditor));
        var denied = await auditor.GetAsync("/admin/users");
        denied.StatusCode.ShouldBe(HttpStatusCode.Found); // pages send refused users to the 403 page
        denied.Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        (await AccountPageTests.AuditAsync(host, "user/carol")).ShouldBe(["user.add:ok", "user.disable:ok", "account.sign-in:refused", "user.unlock:ok", "role.grant:ok"]);
    }

    private static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        body.ShouldContain(detail);
    }

    internal static async Task ChainIntactAsync(WebTestHost host)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var outcome = await new VerifyAuditChain(scope.ServiceProvider.GetRequiredService<CastellanDbContext>()).RunAsync();
        outcome.Intact.ShouldBeTrue(outcome.Reason);
    }
}
