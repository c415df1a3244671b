namespace Castellan.Web.Tests.Browser;

public sealed class SignInTests
{
    [Fact]
    public async Task SignIn_WithThePassword_ShowsTheSitesAndNoScriptErrors()
    {
        await using var session = await BrowserSession.StartAsync();
        var errors = new List<string>();
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text); // a CSP violation would show up here
            }
        };
        session.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };
        await session.RunAsync(nameof(SignIn_WithThePassword_ShowsTheSitesAndNoScriptErrors), async page =>
        {
            await session.SignInAsync();
            (await page.TextContentAsync("main h1")).ShouldBe("Sites");
            await page.ClickAsync("text=North Water Treatment Plant");
            await page.WaitForURLAsync(session.BaseUrl + "/sites/north-wtp");
            (await page.TitleAsync()).ShouldContain("North Water Treatment Plant");
            await page.ClickAsync("text=Sign out");
            (await page.TextContentAsync("main h1")).ShouldBe("Signed out");
        });
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoAndStaysOut()
    {
        await using var session = await BrowserSession.StartAsync();
        await session.RunAsync(nameof(SignIn_WithAWrongPassword_SaysSoAndStaysOut), async page =>
        {
            await page.GotoAsync(session.BaseUrl + "/sites/north-wtp");
            await page.FillAsync("input[name=userName]", BrowserSession.UserName);
            await page.FillAsync("input[name=password]", "not the password at all");
            await page.ClickAsync("button[type=submit]");
            (await page.TextContentAsync("[role=alert]")).ShouldBe("User name or password is not right.");
            page.Url.ShouldStartWith(session.BaseUrl + "/account/login");
        });
    }
}
