using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Castellan.Core.Zones;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Demo;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Tests.Risk;

public sealed class RiskTests
{
    private const string Site = WebTestHost.SiteA;
    private const string Assessment = "ra-treatment-ics-2025";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SiteRisk_ShowsScenariosSltPerZoneAndHeatmap_AndOtherSitesAnswer404(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var client = await host.ApiClientAsync("auditor", "read", (Site, SiteRole.Auditor));
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/sites/{Site}/risk"));
        var risks = json.RootElement.GetProperty("risks").EnumerateArray().ToList();
        risks.Count.ShouldBe(12);
        var r01 = risks.Single(r => r.GetProperty("id").GetString() == "R-01");
        r01.GetProperty("inherent").GetString().ShouldBe("high");
        r01.GetProperty("residual").GetString().ShouldBe("moderate");
        r01.GetProperty("treatment").GetProperty("decision").GetString().ShouldBe("mitigate");
        var zones = json.RootElement.GetProperty("zones").EnumerateArray().ToList();
        zones.ShouldContain(z => z.GetProperty("zone").GetString() == "scada");
        var sis = zones.Single(z => z.GetProperty("zone").GetString() == "sis");
        sis.GetProperty("overridden").GetBoolean().ShouldBeTrue();
        sis.GetProperty("matches").GetBoolean().ShouldBe(sis.GetProperty("declared").GetString() == sis.GetProperty("expected").GetString());
        json.RootElement.GetProperty("assessments").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ShouldContain(Assessment);

        var svg = await client.GetAsync($"/api/v1/sites/{Site}/risk/heatmap.svg");
        svg.StatusCode.ShouldBe(HttpStatusCode.OK);
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await svg.Content.ReadAsStringAsync()).ShouldStartWith("<svg");

        var browser = await host.BrowserAsync("viewer", (Site, SiteRole.Auditor));
        var html = await browser.GetStringAsync($"/sites/{Site}/risk");
        html.ShouldContain("R-06");
        html.ShouldContain($"/api/v1/sites/{Site}/risk/heatmap.svg");
        html.ShouldNotContain("style=");
        html.ShouldNotContain($"/sites/{Site}/risk/assessments/{Assessment}"); // the auditor is not offered the workflow

        var other = await host.ApiClientAsync("south", "write", (WebTestHost.SiteB, SiteRole.SecurityManager));
        (await other.GetAsync($"/api/v1/sites/{Site}/risk")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/v1/sites/{Site}/risk/heatmap.svg")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/v1/sites/{Site}/risk/assessments/{Assessment}/approve", new { version = 0 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var southBrowser = await host.BrowserAsync("south-viewer", (WebTestHost.SiteB, SiteRole.SecurityManager));
        (await southBrowser.GetAsync($"/sites/{Site}/risk")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await southBrowser.GetAsync($"/sites/{Site}/risk/scenarios/R-01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Matrix_Edit_SavesWithAudit_StaleVersionIs409_InvalidIs400NamingTheField(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var manager = await host.ApiClientAsync("ciso", "write", (SiteRoles.AllSites, SiteRole.SecurityManager));
        using var read = JsonDocument.Parse(await manager.GetStringAsync("/api/v1/risk/matrix"));
        var version = read.RootElement.GetProperty("version").GetInt64();
        var matrix = read.RootElement.GetProperty("value");
        object Edit(long v, string tolerable, string[]? likelihood = null) => new
        {
            version = v,
            likelihood = likelihood ?? matrix.GetProperty("likelihood").Deserialize<string[]>(),
            impact = matrix.GetProperty("impact").Deserialize<string[]>(),
            bands = matrix.GetProperty("bands").Deserialize<string[]>(),
            cells = matrix.GetProperty("cells").Deserialize<string[][]>(),
            tolerable,
        };

        var saved = await manager.PutAsJsonAsync("/api/v1/risk/matrix", Edit(version, "significant"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        using (var body = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()))
        {
            body.RootElement.GetProperty("version").GetInt64().ShouldBe(version + 1);
        }

        using (var again = JsonDocument.Parse(await manager.GetStringAsync("/api/v1/risk/matrix")))
        {
            again.RootElement.GetProperty("value").GetProperty("tolerable").GetString().ShouldBe("significant");
        }

        await using (var db = host.Database.CreateContext())
        {
            var audit = await db.AuditRecords.SingleAsync(a => a.Action == "risk.matrix.update");
            audit.Actor.ShouldStartWith("token:ciso/");
            audit.Before!.ShouldContain("\"tolerable\":\"moderate\"");
            audit.After!.ShouldContain("\"tolerable\":\"significant\"");
        }

        var stale = await manager.PutAsJsonAsync("/api/v1/risk/matrix", Edit(version, "low"));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var conflict = System.Text.Json.JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement;
        conflict.GetProperty("detail").GetString()!.ShouldContain($"you edited version {version}");
        conflict.GetProperty("theirs").GetProperty("version").GetInt64().ShouldBe(version + 1);
        conflict.GetProperty("theirs").GetProperty("object").GetProperty("matrix").GetProperty("tolerable").GetString().ShouldBe("significant");
        conflict.GetProperty("yours").GetProperty("version").GetInt64().ShouldBe(version);

        var unknownBand = await manager.PutAsJsonAsync("/api/v1/risk/matrix", Edit(version + 1, "extreme"));
        unknownBand.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownBand.Content.ReadAsStringAsync()).ShouldContain("tolerable:");
        var renamed = await manager.PutAsJsonAsync("/api/v1/risk/matrix", Edit(version + 1, "moderate", ["rare", "unlikely", "plausible", "likely", "almost-certain"]));
        renamed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DetailAsync(renamed)).ShouldContain("likelihood: 'possible' is not a likelihood step");
        var tooFew = await manager.PutAsJsonAsync("/api/v1/risk/matrix", Edit(version + 1, "moderate", ["rare", "likely"]));
        tooFew.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooFew.Content.ReadAsStringAsync()).ShouldContain("likelihood: has 2 steps");

        var siteManager = await host.ApiClientAsync("site-ciso", "write", (Site, SiteRole.SecurityManager));
        (await siteManager.GetAsync("/api/v1/risk/matrix")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await siteManager.PutAsJsonAsync("/api/v1/risk/matrix", Edit(version + 1, "moderate"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MatrixPage_EditsThroughTheForm_AndAStaleFormIs409(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var browser = await host.BrowserAsync("ciso", (SiteRoles.AllSites, SiteRole.SecurityManager));
        (await browser.GetStringAsync("/risk/matrix")).ShouldContain("band-4");
        var fields = new Dictionary<string, string>
        {
            ["version"] = "0",
            ["likelihood"] = "rare, unlikely, possible, likely, almost-certain",
            ["impact"] = "minor, moderate, serious, major, catastrophic",
            ["bands"] = "low, moderate, significant, high, critical",
            ["tolerable"] = "low",
            ["cells"] = "rare: low, low, low, moderate, significant\nunlikely: low, low, moderate, significant, high\npossible: low, moderate, significant, high, critical\nlikely: moderate, significant, high, critical, critical\nalmost-certain: moderate, significant, high, critical, critical",
        };
        var saved = await WebTestHost.PostFormAsync(browser, "/risk/matrix/edit", new(fields));
        saved.StatusCode.ShouldBe(HttpStatusCode.Found, await saved.Content.ReadAsStringAsync());
        var stale = await WebTestHost.PostFormAsync(browser, "/risk/matrix/edit", new(fields));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("version 1");
        fields["version"] = "1";
        fields["cells"] = "rare: low, low, low\nunlikely: low";
        var invalid = await WebTestHost.PostFormAsync(browser, "/risk/matrix/edit", new(fields));
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("cells");

        var assessor = await host.BrowserAsync("assessor", (SiteRoles.AllSites, SiteRole.Assessor));
        (await assessor.GetAsync("/risk/matrix/edit")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Approval_ByAssessorIs404_BySecurityManagerIsRecordedWithAudit(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        await UnapproveAsync(host);
        var assessor = await host.ApiClientAsync("assessor", "write", (Site, SiteRole.Assessor));
        var manager = await host.ApiClientAsync("ciso", "write", (Site, SiteRole.SecurityManager));
        var version = await VersionAsync(manager);

        (await assessor.PostAsJsonAsync($"/api/v1/sites/{Site}/risk/assessments/{Assessment}/approve", new { version })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var assessorBrowser = await host.BrowserAsync("assessor-b", (Site, SiteRole.Assessor));
        (await assessorBrowser.GetAsync($"/sites/{Site}/risk/assessments/{Assessment}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await manager.PostAsJsonAsync($"/api/v1/sites/{Site}/risk/assessments/{Assessment}/approve", new { version = version - 1 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await manager.PostAsJsonAsync($"/api/v1/sites/{Site}/risk/assessments/nope/approve", new { version })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var approved = await manager.PostAsJsonAsync($"/api/v1/sites/{Site}/risk/assessments/{Assessment}/approve", new { version, note = "RC-2026-01" });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());

        using (var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/sites/{Site}/risk")))
        {
            var approval = json.RootElement.GetProperty("assessments").EnumerateArray().Single(a => a.GetProperty("id").GetString() == Assessment).GetProperty("approval");
            approval.GetProperty("zcr").GetInt32().ShouldBe(7);
            approval.GetProperty("by").GetString()!.ShouldStartWith("token:ciso/");
            approval.GetProperty("note").GetString().ShouldBe("RC-2026-01");
        }

        await using (var db = host.Database.CreateContext())
        {
            var audit = await db.AuditRecords.SingleAsync(a => a.Action == "risk.assessment.approve");
            (audit.Site, audit.Target).ShouldBe((Site, $"risk/assessment/{Assessment}"));
        }

        var twice = await manager.PostAsJsonAsync($"/api/v1/sites/{Site}/risk/assessments/{Assessment}/approve", new { version = version + 1 });
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("already approved");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Workflow_PageRecordsStepsInOrder_AndApprovesThroughTheForm(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        await UnapproveAsync(host, removeStep6: true);
        var browser = await host.BrowserAsync("ciso", (Site, SiteRole.SecurityManager));
        var page = $"/sites/{Site}/risk/assessments/{Assessment}";
        (await browser.GetStringAsync($"/sites/{Site}/risk")).ShouldContain(page);

        var early = await WebTestHost.PostFormAsync(browser, page, new() { ["version"] = "0" }, page + "?handler=Approve");
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).ShouldContain("ZCR 6");

        var step = await WebTestHost.PostFormAsync(browser, page, new() { ["version"] = "0", ["zcr"] = "6", ["note"] = "CRS v2" }, page + "?handler=Step");
        step.StatusCode.ShouldBe(HttpStatusCode.Found, await step.Content.ReadAsStringAsync());
        var approve = await WebTestHost.PostFormAsync(browser, page, new() { ["version"] = "1" }, page + "?handler=Approve");
        approve.StatusCode.ShouldBe(HttpStatusCode.Found, await approve.Content.ReadAsStringAsync());
        (await browser.GetStringAsync(page)).ShouldContain("Approved by user:ciso");

        await using var db = host.Database.CreateContext();
        (await db.AuditRecords.CountAsync(a => a.Action == "risk.step.record" || a.Action == "risk.assessment.approve")).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Treatment_Edit_ChecksTheRules_AndVersions(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var manager = await host.ApiClientAsync("ciso", "write", (Site, SiteRole.SecurityManager));
        var version = await VersionAsync(manager);
        object Edit(long v, string residualLikelihood) => new
        {
            version = v, decision = "mitigate", controls = new[] { "A.8.7", "SR 3.2" }, owner = "OT engineering", due = "2026-09-30",
            residualLikelihood, residualImpact = "major",
        };

        var above = await manager.PutAsJsonAsync($"/api/v1/sites/{Site}/risk/scenarios/R-01/treatment", Edit(version, "almost-certain"));
        above.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await above.Content.ReadAsStringAsync()).ShouldContain("residual.likelihood");

        var saved = await manager.PutAsJsonAsync($"/api/v1/sites/{Site}/risk/scenarios/R-01/treatment", Edit(version, "unlikely"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        using (var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/sites/{Site}/risk")))
        {
            var r01 = json.RootElement.GetProperty("risks").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "R-01");
            r01.GetProperty("residualCell").GetProperty("likelihood").GetString().ShouldBe("unlikely");
            r01.GetProperty("treatment").GetProperty("due").GetString().ShouldBe("2026-09-30");
        }

        (await manager.PutAsJsonAsync($"/api/v1/sites/{Site}/risk/scenarios/R-01/treatment", Edit(version, "rare"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await manager.PutAsJsonAsync($"/api/v1/sites/{Site}/risk/scenarios/R-99/treatment", Edit(version + 1, "rare"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var engineer = await host.ApiClientAsync("engineer", "write", (Site, SiteRole.OtEngineer));
        (await engineer.PutAsJsonAsync($"/api/v1/sites/{Site}/risk/scenarios/R-01/treatment", Edit(version + 1, "rare"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var db = host.Database.CreateContext();
        (await db.AuditRecords.CountAsync(a => a.Action == "risk.treatment.update" && a.Site == Site && a.Target == "risk/scenario/R-01")).ShouldBe(1);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    private static async Task<long> VersionAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/sites/{Site}/risk"));
        return json.RootElement.GetProperty("version").GetInt64();
    }

    /// <summary>Re-imports the reference plant with the assessment's approval (and optionally ZCR 6) removed.</summary>
    private static async Task UnapproveAsync(WebTestHost host, bool removeStep6 = false)
    {
        var plant = DemoData.ReadResource("samples/water-treatment-plant.yaml").Replace("\r\n", "\n", StringComparison.Ordinal);
        var changed = plant.Replace("        - { zcr: 7, by: Plant manager, date: 2025-05-06, note: \"Approved at the risk committee, minutes RC-2025-05\" }\n", "", StringComparison.Ordinal);
        if (removeStep6)
        {
            changed = changed.Replace("        - { zcr: 6, by: OT security lead, date: 2025-04-22, note: \"CRS per zone generated with castellan crs\" }\n", "", StringComparison.Ordinal);
        }

        changed.Length.ShouldBeLessThan(plant.Length);
        await new WorkspaceStore(host.Database, TimeProvider.System, "test").ImportAsync(WorkspaceYaml.Read("north.yaml", changed), "north.yaml");
    }
}
