using System.Net;
using System.Net.Http.Headers;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Castellan.Web.Tests.Assets;

namespace Castellan.Web.Tests.Results;

public sealed class ResultPagesTests
{
    private const string North = WebTestHost.SiteA;
    private const string Page = $"/sites/{North}/zones/scada/results";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ResultPage_AssessorRecords_SecondEditorGetsTheConflictWithBothVersions(string provider)
    {
        await using var host = await WebTestHost.StartAsync(provider);
        var alice = await host.BrowserAsync("alice", (North, SiteRole.Assessor));
        var bob = await host.BrowserAsync("bob", (North, SiteRole.Assessor));
        (await alice.GetStringAsync(Page)).ShouldContain("SR 1.2");
        var edit = $"{Page}/SR%201.2";
        var aliceForm = await alice.GetStringAsync(edit);
        var bobForm = await bob.GetStringAsync(edit);

        var saved = await alice.PostAsync(edit + "?handler=record", Form(aliceForm, "not-met", "alice's note"));
        var savedHtml = await saved.Content.ReadAsStringAsync();
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, savedHtml);
        savedHtml.ShouldContain("Result saved.");

        var conflict = await bob.PostAsync(edit + "?handler=record", Form(bobForm, "met", "bob's note"));
        var conflictHtml = await conflict.Content.ReadAsStringAsync();
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflictHtml.ShouldContain("Their version");
        conflictHtml.ShouldContain("alice&#x27;s note");
        conflictHtml.ShouldContain("bob&#x27;s note");
    }

    [Fact]
    public async Task ResultPage_EngineerSeesNoForm_AndItsPostsAnswer404()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var engineer = await host.BrowserAsync("engineer", (North, SiteRole.OtEngineer));
        var edit = $"{Page}/SR%201.2";
        var html = await engineer.GetStringAsync(edit);
        html.ShouldNotContain("Save result");
        // The page offers the engineer no form; a forged post with the engineer's own antiforgery token still gets 404.
        var withToken = await engineer.GetStringAsync($"/sites/{North}/assets/import");
        (await engineer.PostAsync(edit + "?handler=record", Form(withToken, "met", "x"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await engineer.PostAsync(edit + "?handler=upload", Multipart(withToken, "proof.txt", "x"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await engineer.GetAsync($"/sites/{WebTestHost.SiteB}/zones/scada/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ResultPage_UploadsEvidence_AndRefusesAWrongType()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var assessor = await host.BrowserAsync("assessor", (North, SiteRole.Assessor));
        var edit = $"{Page}/SR%201.1";
        var form = await assessor.GetStringAsync(edit);
        var ok = await assessor.PostAsync(edit + "?handler=upload", Multipart(form, "logon.txt", "AD logon evidence"u8.ToArray()));
        var okHtml = await ok.Content.ReadAsStringAsync();
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, okHtml);
        okHtml.ShouldContain("Stored logon.txt");
        okHtml.ShouldContain("/evidence/");
        var bad = await assessor.PostAsync(edit + "?handler=upload", Multipart(form, "x.svg", "<svg/>"u8.ToArray()));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("x.svg");
    }

    private static FormUrlEncodedContent Form(string html, string status, string rationale)
    {
        var version = System.Text.RegularExpressions.Regex.Match(html, "name=\"version\" value=\"([0-9]*)\"").Groups[1].Value;
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AssetImportTests.Token(html), ["status"] = status, ["rationale"] = rationale, ["version"] = version,
            ["assessor"] = "A. Assessor", ["assessed"] = "2026-11-20",
        });
    }

    private static MultipartFormDataContent Multipart(string html, string name, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { new StringContent(AssetImportTests.Token(html)), "__RequestVerificationToken" }, { file, "file", name } };
    }
}
