using System.CommandLine;
using Castellan.Core.Common;
using Castellan.Core.Zones;

namespace Castellan.Cli.Zones;

/// <summary>castellan import FILE | export [--site ID] -o FILE — workspaces between files and the database.</summary>
public static class WorkspaceTransferCommands
{
    public static IEnumerable<Command> Create(CliContext context) => [Import(context), Export(context)];

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("workspace") { Description = "The workspace file (YAML, docs/workspace.md)." };
        var command = new Command("import", "Store a workspace in the database: the sites in the file replace their earlier version there, all or nothing.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var outcome = await new WorkspaceStore(await context.ReadyDatabaseAsync(parse, ct), context.Clock, context.Actor).ImportAsync(parse.GetValue(file)!, ct);
            await context.Out.WriteLineAsync($"{(outcome.Replaced ? "Replaced" : "Imported")} site(s) {string.Join(", ", outcome.Sites)}: {outcome.Objects} object(s).");
            return 0;
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var site = new Option<string?>("--site") { Description = "Only this site (default: every site)." };
        var output = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output). Written whole or not at all." };
        var command = new Command("export", "Write the workspace held in the database back to a YAML file (lossless: import of the file gives the same objects).") { site, output };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await new WorkspaceStore(await context.ReadyDatabaseAsync(parse, ct), context.Clock, context.Actor).ExportAsync(parse.GetValue(site), ct);
            var yaml = WorkspaceYamlWriter.Write(workspace);
            if (parse.GetValue(output) is { } path)
            {
                await AtomicFile.WriteAsync(path, System.Text.Encoding.UTF8.GetBytes(yaml), ct);
                await context.Error.WriteLineAsync($"Wrote {path}: {workspace.Sites.Count} site(s), {workspace.Zones.Count} zone(s), {workspace.Assets.Count} asset(s).");
            }
            else
            {
                await context.Out.WriteAsync(yaml);
            }

            return 0;
        });
        return command;
    }
}
