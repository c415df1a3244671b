namespace Castellan.Cli.Tests.Web;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Serve_MaxRequestsBelowOne_IsRefusedBeforeAnythingStarts(string value)
    {
        var db = await CliRun.NewDatabaseAsync("sqlite");
        var serve = await CliRun.RunAsync(db, "serve", "--urls", "http://127.0.0.1:0", "--max-requests", value);
        serve.ExitCode.ShouldBe(2);
        serve.Error.ShouldContain("--max-requests: must be at least 1");
        serve.Out.ShouldNotContain("Castellan is running");
    }
}
