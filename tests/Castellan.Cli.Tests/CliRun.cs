using Castellan.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Cli.Tests;

/// <summary>Runs the `castellan` command in-process against a database, capturing what a user would see.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(string db, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Program.RunAsync([.. args, "--db", db], output, error, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static async Task<string> NewDatabaseAsync(string provider) => TestDatabases.DbArgument(await TestDatabases.CreateAsync(provider));
}
