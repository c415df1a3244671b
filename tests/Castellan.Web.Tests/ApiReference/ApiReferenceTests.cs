using System.Net;

namespace Castellan.Web.Tests.ApiReference;

public sealed class ApiReferenceTests
{
    [Fact]
    public async Task ApiPage_ListsEndpointsByTag_WithTheirPolicies_WithoutInlineScriptOrStyle()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var response = await host.Anonymous().GetAsync("/api");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);

        html.ShouldContain("<h2 id=\"tag-administration\">Administration</h2>");
        html.ShouldContain("<code>/api/v1/users/{user}/roles</code>");
        html.ShouldContain("<code>org:administer</code>");
        html.ShouldContain("<code>site:read-audit</code>");
        html.ShouldContain("<code>user</code> <span class=\"muted\">path, string, required</span>");
        html.ShouldContain("<code>role: string</code>");
        html.ShouldNotContain("style=");
        html.ShouldNotContain("<script>");
        System.Text.RegularExpressions.Regex.Count(html, "<script").ShouldBe(1); // /static/app.js only

        var document = await host.Anonymous().GetStringAsync("/openapi/v1.json");
        document.ShouldContain("\"x-castellan-policy\": \"org:administer\"");
    }
}
