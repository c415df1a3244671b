using System.CommandLine;
using Castellan.Core.Assets;
using Castellan.Core.Common;
using Castellan.Core.Zones;

namespace Castellan.Cli.Assets;

/// <summary>castellan assets import INVENTORY --into WORKSPACE</summary>
public static class AssetsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("assets", "The plant's assets: merge an inventory into a workspace.");
        var inventory = new Argument<string>("inventory") { Description = "An asset inventory: CSV or XLSX with columns such as Hostname, Type, Vendor, Model, Firmware, IP address, MAC address, Zone." };
        var into = new Option<string>("--into") { Description = "The workspace file to merge into (rewritten in canonical form; YAML comments are not kept).", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Write the merged workspace here instead of over --into." };
        var import = new Command("import", "Merge an inventory into a workspace: match by id, IP or MAC; update what the inventory says; add the rest, placing them by network. All or nothing; merging twice changes nothing.") { inventory, into, output };
        import.SetAction(async (parse, ct) =>
        {
            var inventoryPath = parse.GetValue(inventory)!;
            if (!File.Exists(inventoryPath))
            {
                throw new UsageException($"{inventoryPath}: no such file");
            }

            var workspacePath = parse.GetValue(into)!;
            var workspace = await CheckWorkspace.LoadAsync(workspacePath, ct);
            var outcome = MergeInventory.Run(workspace, Path.GetFileName(inventoryPath), await File.ReadAllBytesAsync(inventoryPath, ct));
            var target = parse.GetValue(output) ?? workspacePath;
            if (outcome.Added + outcome.Updated == 0 && target == workspacePath)
            {
                await context.Out.WriteLineAsync($"No changes: {outcome.Unchanged} asset(s) already as the inventory says.");
                return 0;
            }

            await AtomicFile.WriteAsync(target, System.Text.Encoding.UTF8.GetBytes(WorkspaceYamlWriter.Write(outcome.Workspace)), ct);
            await context.Out.WriteLineAsync($"Merged into {target}: {outcome.Added} added, {outcome.Updated} updated, {outcome.Unchanged} unchanged.");
            return 0;
        });
        command.Subcommands.Add(import);
        return command;
    }
}
