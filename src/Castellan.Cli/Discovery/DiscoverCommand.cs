using System.CommandLine;
using Castellan.Cli.Output;
using Castellan.Network.Discovery;

namespace Castellan.Cli.Discovery;

/// <summary>
/// castellan discover INPUT... — passive discovery from captures (pcap, pcapng) and Zeek logs, files and folders
/// mixed. Nothing is sent on any network. Exit 1 when an input was refused (the others are still read and reported).
/// </summary>
public static class DiscoverCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("input")
        {
            Description = "Capture files (pcap, pcapng: recognised by content), Zeek logs (conn.log, modbus.log, dnp3.log, s7comm*.log, enip.log, cip*.log; TSV or JSON lines) or folders holding them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = OutputOptions.Format();
        var workspaceOption = new Option<string?>("--workspace", "-w") { Description = "A workspace file: hold the traffic against its zones and conduits (findings in the same form as 'castellan check')." };
        var merge = new Option<bool>("--merge") { Description = "With --workspace: add the devices seen but not in the inventory to the workspace file (idempotent)." };
        var propose = new Option<bool>("--propose-zones") { Description = "Write a starting partition (zones per observed network, conduits per observed traffic) as a draft workspace to --out." };
        var output = new Option<string?>("--out", "-o") { Description = "With --propose-zones: the draft workspace file to write." };
        var command = new Command("discover", "Devices, protocols and conversations from packet captures and Zeek logs (passive: no packet is sent).") { inputs, format, workspaceOption, merge, propose, output };
        command.SetAction(async (parse, ct) =>
        {
            var paths = parse.GetValue(inputs)!;
            using var progress = ProgressLine.ForTerminal(context);
            var result = await Task.Run(() => new DiscoverNetwork().Run(paths, progress, ct), ct);
            progress?.Clear();
            var workspacePath = parse.GetValue(workspaceOption);
            if (parse.GetValue(merge) && workspacePath is null)
            {
                throw new Castellan.Core.Common.UsageException("--merge needs --workspace FILE");
            }

            if (parse.GetValue(propose))
            {
                var draftPath = parse.GetValue(output) ?? throw new Castellan.Core.Common.UsageException("--propose-zones needs --out draft.yaml");
                var draft = Castellan.Core.Discovery.ProposeZones.Run(result, DiscoveredAssets.From(result));
                await Castellan.Core.Common.AtomicFile.WriteAsync(draftPath, System.Text.Encoding.UTF8.GetBytes(
                    "# Draft partition proposed by castellan discover --propose-zones: review every zone and conduit, then set SL-Ts.\n" +
                    Castellan.Core.Zones.WorkspaceYamlWriter.Write(draft)), ct);
                await context.Error.WriteLineAsync($"Wrote {draftPath}: {draft.Zones.Count} zone(s), {draft.Conduits.Count} conduit(s), {draft.Assets.Count} asset(s) (a draft: no SL-T yet).");
            }

            var findings = Array.Empty<Castellan.Domain.Zones.Rules.Finding>() as IReadOnlyList<Castellan.Domain.Zones.Rules.Finding>;
            if (workspacePath is not null)
            {
                var workspace = await Castellan.Core.Zones.CheckWorkspace.LoadAsync(workspacePath, ct);
                if (parse.GetValue(merge))
                {
                    var outcome = Castellan.Core.Assets.MergeInventory.Run(workspace, DiscoveredAssets.From(result));
                    if (outcome.Added + outcome.Updated > 0)
                    {
                        await Castellan.Core.Common.AtomicFile.WriteAsync(workspacePath, System.Text.Encoding.UTF8.GetBytes(Castellan.Core.Zones.WorkspaceYamlWriter.Write(outcome.Workspace)), ct);
                    }

                    await context.Error.WriteLineAsync($"Merged into {workspacePath}: {outcome.Added} added, {outcome.Updated} updated, {outcome.Unchanged} unchanged.");
                    workspace = outcome.Workspace;
                }

                findings = Castellan.Core.Discovery.CheckConformance.Run(workspace, result);
            }

            switch (OutputOptions.Parse(parse.GetValue(format)!))
            {
                case OutputFormat.Json:
                    DiscoveryOutput.WriteJson(context.Out, result, findings);
                    break;
                case OutputFormat.Csv:
                    DiscoveryOutput.WriteCsv(context.Out, result);
                    break;
                default:
                    DiscoveryOutput.WriteTable(context.Out, result);
                    if (findings.Count > 0)
                    {
                        await context.Out.WriteLineAsync();
                        TableWriter.Write(context.Out, ["severity", "rule", "message"], findings.Select(f => (IReadOnlyList<string>)[
                            Castellan.Domain.Zones.Rules.SeverityNames.ToWire(f.Severity), f.Rule, f.Message]), maxLastColumn: 140);
                    }
                    break;
            }

            var refused = 0;
            foreach (var input in result.Stats.Inputs)
            {
                foreach (var warning in input.Warnings)
                {
                    await context.Error.WriteLineAsync($"castellan: {input.Path}: warning: {warning}");
                }

                if (input.Error is not null)
                {
                    refused++;
                    await context.Error.WriteLineAsync($"castellan: {input.Path}: {input.Error}");
                }
                else if (input.Skipped > 0)
                {
                    await context.Error.WriteLineAsync($"castellan: {input.Path}: {input.Skipped} damaged record(s) or line(s) skipped");
                }
            }

            return refused > 0 ? Program.Refused : Program.Success;
        });
        return command;
    }

    /// <summary>
    /// One self-rewriting line on a terminal's standard error, shown only once a run has taken more than a second,
    /// refreshed at most every 200 ms. Never used when standard error is redirected.
    /// </summary>
    private sealed class ProgressLine(CliContext context) : IProgress<DiscoveryProgress>, IDisposable
    {
        private readonly long started = context.Clock.GetTimestamp();
        private long lastDrawn;
        private bool shown;

        public static ProgressLine? ForTerminal(CliContext context) =>
            ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected ? new ProgressLine(context) : null;

        public void Report(DiscoveryProgress value)
        {
            var now = context.Clock.GetTimestamp();
            if (context.Clock.GetElapsedTime(started, now) < TimeSpan.FromSeconds(1) || (shown && context.Clock.GetElapsedTime(lastDrawn, now) < TimeSpan.FromMilliseconds(200)))
            {
                return;
            }

            lastDrawn = now;
            shown = true;
            var percent = value.BytesTotal > 0 ? 100.0 * value.BytesDone / value.BytesTotal : 100;
            var seconds = context.Clock.GetElapsedTime(started, now).TotalSeconds;
            var line = $"discover: {percent,5:0.0}%  {value.BytesDone / 1e6:0} of {value.BytesTotal / 1e6:0} MB  {value.BytesDone / 1e6 / seconds:0} MB/s  {Path.GetFileName(value.CurrentInput)}";
            context.Error.Write("\r" + (line.Length > 100 ? line[..100] : line.PadRight(100)));
        }

        public void Clear()
        {
            if (shown)
            {
                context.Error.Write("\r" + new string(' ', 100) + "\r");
                shown = false;
            }
        }

        public void Dispose() => Clear();
    }
}
