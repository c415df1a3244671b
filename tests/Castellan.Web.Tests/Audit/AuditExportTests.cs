using System.Net;
using System.Net.Http.Json;
using Castellan.Core.Audit;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.Audit;

public sealed class AuditExportTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ExportCsv_EscapesFormulas_AndQuotes(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var auditor = await host.ApiClientAsync("aud", "read", (SiteRoles.AllSites, SiteRole.Auditor));
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            await new AuditTrail(TimeProvider.System).AppendAloneAsync(scope.ServiceProvider.GetRequiredService<CastellanDbContext>(),
                new AuditEntry("=HYPERLINK(\"http://x\",\"y\")", WebTestHost.SiteA, "zone.update", "+1,2", "{\"a\":\"b\"}", null));
        }

        var response = await auditor.GetAsync("/api/v1/audit/export.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("sequence,at,actor,site,action,object,outcome,before,after,previous_hash,hash");
        var last = lines[^1];
        last.ShouldContain(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",north-wtp,zone.update,\"'+1,2\",ok,\"{\"\"a\"\":\"\"b\"\"}\",,");
        lines.Skip(1).Select(l => long.Parse(l[..l.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(Enumerable.Range(1, lines.Length - 1).Select(i => (long)i));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SiteAudit_OnlyThatSitesRecords_ForRolesThatReadAudit(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var admin = await host.ApiClientAsync("root", "write", (SiteRoles.AllSites, SiteRole.Administrator));
        await host.CreateUserAsync("bob", (WebTestHost.SiteB, SiteRole.Auditor));
        await admin.PostAsync("/api/v1/users/bob/roles", JsonContent.Create(new { site = WebTestHost.SiteA, role = "assessor" }));
        await admin.PostAsync("/api/v1/users/bob/roles", JsonContent.Create(new { site = WebTestHost.SiteB, role = "assessor" }));

        var north = await host.BrowserAsync("north-auditor", (WebTestHost.SiteA, SiteRole.Auditor));
        var page = await north.GetStringAsync($"/sites/{WebTestHost.SiteA}/audit");
        page.ShouldContain("role.grant");
        page.ShouldContain("token:root/test-token");
        page.ShouldContain($"href=\"/sites/{WebTestHost.SiteA}/audit\">Audit</a>"); // the site menu link
        (await north.GetAsync($"/sites/{WebTestHost.SiteB}/audit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await north.GetAsync("/audit")).Headers.Location!.AbsolutePath.ShouldBe("/account/denied"); // the organisation's trail: 403 page

        var csv = await north.GetStringAsync($"/api/v1/sites/{WebTestHost.SiteA}/audit/export.csv");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.Contains(",north-wtp,", StringComparison.Ordinal));
        (await north.GetAsync($"/api/v1/sites/{WebTestHost.SiteB}/audit/export.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var assessor = await host.BrowserAsync("north-assessor", (WebTestHost.SiteA, SiteRole.Assessor));
        (await assessor.GetAsync($"/sites/{WebTestHost.SiteA}/audit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await assessor.GetAsync("/api/v1/audit/export.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
