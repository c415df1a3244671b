using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Castellan.Tests;

namespace Castellan.Web.Tests.Soa;

/// <summary>SoA files and multipart uploads for the SoA and gap tests.</summary>
internal static partial class SoaFiles
{
    public static readonly byte[] Sample = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "samples", "soa", "soa-2022.csv"));

    /// <summary>Row 3 (the second data row) names a control that does not exist.</summary>
    public static readonly byte[] Refused = Encoding.UTF8.GetBytes("Control,Applicable,Justification\nA.5.1,yes,needed\nA.5.99,yes,typo\nA.5.2,yes,needed\n");

    public static MultipartFormDataContent Upload(string fileName, byte[] content, string? antiforgeryToken = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, "file", fileName);
        if (antiforgeryToken is not null)
        {
            form.Add(new StringContent(antiforgeryToken), "__RequestVerificationToken");
        }

        return form;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var match = AntiforgeryField().Match(await client.GetStringAsync(page));
        match.Success.ShouldBeTrue($"{page} has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Imports <paramref name="content"/> through the API (a job, waited for) as a new security manager of every site.</summary>
    public static async Task ImportAsync(WebTestHost host, byte[] content)
    {
        var client = await host.ApiClientAsync("importer-" + Guid.NewGuid().ToString("N")[..8], "write", ("*", Domain.Accounts.SiteRole.SecurityManager));
        var job = await Jobs.JobPolling.WaitAsync(client, await client.PostAsync("/api/v1/soa/import", Upload("soa.csv", content)));
        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
