using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Tests.Zones;

public sealed class ZonesApiTests
{
    private const string A = WebTestHost.SiteA;
    private const string B = WebTestHost.SiteB;

    private static object NewZone(string id, string slt = "2 2 2 1 2 1 1") =>
        new { id, name = "Chlorine dosing", purdue = "1", safety = false, criticality = "high", networks = new[] { "10.9.1.0/24" }, slt };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateZoneAndConduit_AsOtEngineer_AreStoredAndAudited(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var api = await host.ApiClientAsync("otto", "write", (A, SiteRole.OtEngineer));

        var created = await api.PostAsJsonAsync($"/api/v1/sites/{A}/zones", NewZone("chlorination"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var zone = await created.Content.ReadFromJsonAsync<JsonElement>();
        zone.GetProperty("version").GetInt64().ShouldBe(1);
        zone.GetProperty("slt").GetString().ShouldBe("2 2 2 1 2 1 1");

        var conduit = await api.PostAsJsonAsync($"/api/v1/sites/{A}/conduits", new
        {
            id = "scada-to-chlorination", name = "SCADA to dosing", from = "scada", to = "chlorination",
            channels = new[] { new { protocol = "modbus-tcp", port = 502, direction = "from-to" } }, slt = "2 2 2 1 2 1 1",
        });
        conduit.StatusCode.ShouldBe(HttpStatusCode.Created, await conduit.Content.ReadAsStringAsync());

        var read = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sites/{A}/conduits/scada-to-chlorination");
        read.GetProperty("channels")[0].GetProperty("protocol").GetString().ShouldBe("modbus-tcp");
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sites/{A}/zones?size=500");
        list.GetProperty("items").EnumerateArray().ShouldContain(z => z.GetProperty("id").GetString() == "chlorination" && z.GetProperty("sla").GetString() != null);

        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.CastellanDbContext>();
        var audit = await db.AuditRecords.AsNoTracking().Where(r => r.Site == A && r.Actor.StartsWith("token:otto")).OrderBy(r => r.Sequence).ToListAsync();
        audit.Select(r => (r.Action, r.Target)).ShouldBe([("zone.create", "zone/chlorination"), ("conduit.create", "conduit/scada-to-chlorination")]);
        audit[0].After!.ShouldContain("\"slt\":\"2 2 2 1 2 1 1\"");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EditZone_WithStaleVersion_Answers409WithBothVersions(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var api = await host.ApiClientAsync("otto", "write", (A, SiteRole.OtEngineer));
        var zone = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sites/{A}/zones/scada");
        var version = zone.GetProperty("version").GetInt64();

        var first = await api.PutAsJsonAsync($"/api/v1/sites/{A}/zones/scada", Edited(zone, "SCADA (first edit)", version));
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var second = await api.PutAsJsonAsync($"/api/v1/sites/{A}/zones/scada", Edited(zone, "SCADA (second edit)", version));

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("theirs").GetProperty("version").GetInt64().ShouldBe(version + 1);
        problem.GetProperty("theirs").GetProperty("object").GetProperty("name").GetString().ShouldBe("SCADA (first edit)");
        problem.GetProperty("yours").GetProperty("version").GetInt64().ShouldBe(version);
        problem.GetProperty("yours").GetProperty("object").GetProperty("name").GetString().ShouldBe("SCADA (second edit)");
        problem.GetProperty("detail").GetString()!.ShouldContain($"version {version + 1}");
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/sites/{A}/zones/scada")).GetProperty("name").GetString().ShouldBe("SCADA (first edit)");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Zones_OfAnotherSite_Answer404(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var api = await host.ApiClientAsync("sam", "write", (B, SiteRole.OtEngineer));

        (await api.GetAsync($"/api/v1/sites/{A}/zones/scada")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/v1/sites/{A}/diagram.svg")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PostAsJsonAsync($"/api/v1/sites/{A}/zones", NewZone("x"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.DeleteAsync($"/api/v1/sites/{A}/conduits/ent-to-dmz")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/v1/sites/{B}/zones/scada")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/sites/{B}/zones/no-such-zone")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Assessor_MayReadButNotEdit()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var api = await host.ApiClientAsync("ada", "write", (A, SiteRole.Assessor));
        (await api.GetAsync($"/api/v1/sites/{A}/zones")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsJsonAsync($"/api/v1/sites/{A}/zones", NewZone("chlorination"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.DeleteAsync($"/api/v1/sites/{A}/zones/scada")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("slt", "2 2 9")]
    [InlineData("purdue", "7")]
    [InlineData("id", "no spaces")]
    public async Task CreateZone_WithBadField_Answers400NamingTheField(string field, string value)
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var api = await host.ApiClientAsync("otto", "write", (A, SiteRole.OtEngineer));
        var body = new Dictionary<string, object> { ["id"] = "chlorination", ["name"] = "Dosing", ["purdue"] = "1", ["slt"] = "1 1 1 1 1 1 1" };
        body[field] = value;

        var response = await api.PostAsJsonAsync($"/api/v1/sites/{A}/zones", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldStartWith(field + ":");
    }

    [Fact]
    public async Task Conduit_ToAZoneOfAnotherSiteOrUnknown_Answers400()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var api = await host.ApiClientAsync("otto", "write", (A, SiteRole.OtEngineer));
        var response = await api.PostAsJsonAsync($"/api/v1/sites/{A}/conduits", new { id = "c1", name = "C", from = "scada", to = "nowhere" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("to: site 'north-wtp' has no zone 'nowhere'");
    }

    [Fact]
    public async Task DeleteZone_WithAssetsOrConduits_IsRefused_AndAnEmptyZoneIsDeleted()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var api = await host.ApiClientAsync("otto", "write", (A, SiteRole.OtEngineer));
        var refused = await api.DeleteAsync($"/api/v1/sites/{A}/zones/scada");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("zone 'scada' cannot be deleted: it still has");

        (await api.PostAsJsonAsync($"/api/v1/sites/{A}/zones", NewZone("spare"))).EnsureSuccessStatusCode();
        (await api.DeleteAsync($"/api/v1/sites/{A}/zones/spare?version=1")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"/api/v1/sites/{A}/zones/spare")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Diagram_IsSvgWithTheZoneIds_AndFollowsChanges()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var api = await host.ApiClientAsync("otto", "write", (A, SiteRole.OtEngineer));

        var response = await api.GetAsync($"/api/v1/sites/{A}/diagram.svg");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        var svg = await response.Content.ReadAsStringAsync();
        svg.ShouldStartWith("<svg");
        svg.ShouldContain("scada");
        svg.ShouldContain("dmz");
        svg.ShouldNotContain("<script");
        svg.ShouldNotContain("style=");

        (await api.PostAsJsonAsync($"/api/v1/sites/{A}/zones", NewZone("brand-new-zone"))).EnsureSuccessStatusCode();
        (await api.GetStringAsync($"/api/v1/sites/{A}/diagram.svg")).ShouldContain("brand-new-zone");

        var chart = await api.GetAsync($"/api/v1/sites/{A}/zones/scada/sl-chart.svg");
        chart.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await chart.Content.ReadAsStringAsync()).ShouldContain("SL-T");
    }

    [Fact]
    public async Task Findings_ArePagedWithCountsBySeverity()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var api = await host.ApiClientAsync("ada", "read", (A, SiteRole.Auditor));
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sites/{A}/findings?size=2");
        var total = page.GetProperty("total").GetInt32();
        total.ShouldBeGreaterThan(0);
        page.GetProperty("items").GetArrayLength().ShouldBe(Math.Min(2, total));
        page.GetProperty("bySeverity").EnumerateObject().Sum(p => p.Value.GetInt32()).ShouldBe(total);
    }

    private static Dictionary<string, object?> Edited(JsonElement zone, string name, long version)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(zone.GetRawText())!;
        body["name"] = name;
        body["version"] = version;
        return body;
    }
}
