using System.Diagnostics;
using Castellan.Tests;

namespace Castellan.Cli.Tests;

/// <summary>The real executable, as a user runs it: exit codes and no stack traces across the process boundary.</summary>
public sealed class ProcessTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "castellan.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CASTELLAN_DB"] = Path.Combine(TestPaths.TempDirectory(), "castellan.db");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task UnknownCatalog_ExitsWith2AndNoStackTrace()
    {
        var (code, _, error) = await RunAsync("catalog", "show", "no-such-catalog");

        code.ShouldBe(2);
        error.ShouldContain("unknown catalog 'no-such-catalog'");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task CheckOfTheReferencePlant_ExitsWith1ForItsErrorFinding()
    {
        var (code, output, error) = await RunAsync("check", Path.Combine(TestPaths.RepositoryRoot, "samples", "water-treatment-plant.yaml"));

        code.ShouldBe(1, error);
        output.ShouldContain("flow-without-conduit");
    }
}
