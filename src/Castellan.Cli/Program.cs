using System.CommandLine;
using Castellan.Cli.Assets;
using Castellan.Cli.Catalogs;
using Castellan.Cli.Database;
using Castellan.Cli.GapAnalysis;
using Castellan.Cli.Mappings;
using Castellan.Cli.Output;
using Castellan.Cli.Soa;
using Castellan.Cli.Zones;
using Castellan.Core.Common;

namespace Castellan.Cli;

/// <summary>
/// The `castellan` command. Exit codes: 0 success; 1 findings or a refused input (the message says why);
/// 2 usage error (unknown command, option or id); 3 internal error.
/// </summary>
public static class Program
{
    public const int Success = 0;
    public const int Refused = 1;
    public const int UsageError = 2;
    public const int InternalError = 3;

    public static async Task<int> Main(string[] args)
    {
        await using var console = new ConsoleOutput();
        return await RunAsync(args, console.Out, console.Error, TimeProvider.System, () => console.Utf8Stream);
    }

    /// <summary>
    /// The top-level commands, with the names each factory answers to (in the order help lists them). Only the command a
    /// line names is built: building all of them was 10 ms of every run. Help, a line that starts with an option, and an
    /// unknown name build them all.
    /// </summary>
    internal static readonly (string[] Names, Func<CliContext, IEnumerable<Command>> Create)[] Commands =
    [
        (["catalog"], c => [CatalogCommand.Create(c)]),
        (["mapping"], c => [MappingCommand.Create(c)]),
        (["soa"], c => [SoaCommand.Create(c)]),
        (["gap"], c => [GapCommand.Create(c)]),
        (["check", "zones", "crs", "diagram"], ZoneCommands.Create),
        (["import", "export"], WorkspaceTransferCommands.Create),
        (["assets"], c => [AssetsCommand.Create(c)]),
        (["risk"], c => [Risk.RiskCommand.Create(c)]),
        (["db"], c => [DbCommand.Create(c)]),
        (["discover"], c => [Discovery.DiscoverCommand.Create(c)]),
        (["advisories"], c => [Advisories.AdvisoriesCommand.Create(c)]),
        (["vulns"], c => [Advisories.VulnsCommand.Create(c)]),
        (["serve"], c => [Web.ServeCommand.Create(c)]),
        (["user"], c => [Web.UserCommand.Create(c)]),
        (["audit"], c => [Web.AuditCommand.Create(c)]),
    ];

    /// <summary>The command tree: every command, or only the one named <paramref name="command"/>.</summary>
    internal static RootCommand Build(CliContext context, string? command)
    {
        var root = new RootCommand(
            "Castellan: one management system over IT and OT — ISO/IEC 27001/27002 and ISA/IEC 62443 catalogs, mappings, zones and conduits.")
        {
            context.DbOption,
        };
        foreach (var (names, create) in Commands)
        {
            if (command is null || names.Contains(command))
            {
                foreach (var built in create(context))
                {
                    root.Subcommands.Add(built);
                }
            }
        }

        return root;
    }

    /// <summary>Runs one command line. utf8Output: the byte stream under output when output writes UTF-8 without a byte-order mark (see <see cref="CliContext.WriteOut"/>).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider clock, Stream? utf8Output = null,
        CancellationToken cancellationToken = default) => RunAsync(args, output, error, clock, () => utf8Output, cancellationToken);

    private static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider clock, Func<Stream?> utf8Output,
        CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, clock, utf8Output);
        context.LookUpActor();
        var root = Build(context, args.Length > 0 && Array.Exists(Commands, c => c.Names.Contains(args[0])) ? args[0] : null);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"castellan: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'castellan --help' for usage.");
            return UsageError;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"castellan: {e.Message}");
            return UsageError;
        }
        catch (Exception e) when (e is InputException or EditConflictException)
        {
            await error.WriteLineAsync($"castellan: {e.Message}");
            return Refused;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("castellan: cancelled; nothing was written.");
            return Refused;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("CASTELLAN_DEBUG") is null)
        {
            await error.WriteLineAsync($"castellan: internal error ({e.GetType().Name}): {e.Message}");
            await error.WriteLineAsync("Nothing was changed by the failed step. Set CASTELLAN_DEBUG=1 to see the stack trace, and report it.");
            return InternalError;
        }
    }
}
