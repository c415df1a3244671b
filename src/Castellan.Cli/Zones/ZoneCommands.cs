using System.CommandLine;
using Castellan.Cli.Output;
using Castellan.Core.Zones;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;

namespace Castellan.Cli.Zones;

/// <summary>castellan check | zones — the OT model (docs/workspace.md) checked like code.</summary>
public static class ZoneCommands
{
    private static readonly string[] FindingHeaders = ["severity", "rule", "clause", "objects", "message"];
    private static readonly string[] ZoneHeaders = ["zone", "purdue", "SL-T", "SL-A", "gap", "name"];

    public static IEnumerable<Command> Create(CliContext context) => [Check(context), Zones(context), Crs(context)];

    private static Command Crs(CliContext context)
    {
        var file = WorkspaceArgument();
        var zone = new Option<string>("--zone", "-z") { Description = "The zone id.", Required = true };
        var format = new Option<string>("--format", "-f") { Description = "html (default) or json.", DefaultValueFactory = _ => "html" }.AcceptOnlyFromAmong("html", "json");
        var output = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output)." };
        var command = new Command("crs", "The cybersecurity requirements specification of a zone (IEC 62443-3-2 ZCR 6): its characteristics and the IEC 62443-3-3 requirements its SL-T calls for, with their results.") { file, zone, format, output };
        command.SetAction(async (parse, ct) =>
        {
            var outcome = await new CheckWorkspace(await context.ReadyDatabaseAsync(parse, ct), context.Clock).RunAsync(parse.GetValue(file)!, ct);
            var zoneId = parse.GetValue(zone)!;
            var target = outcome.Workspace.Zones.FirstOrDefault(z => z.Id == zoneId)
                ?? throw new Castellan.Core.Common.UsageException($"--zone: no zone '{zoneId}'; zones: {string.Join(", ", outcome.Workspace.Zones.Select(z => z.Id).Take(20))}");
            var catalog = await new CheckWorkspace(await context.ReadyDatabaseAsync(parse, ct), context.Clock).SystemRequirementsAsync(ct);
            var crs = CyberSecurityRequirements.Build(outcome.Workspace, target, outcome.Report.Zones.Single(l => l.Zone == zoneId), catalog);
            using var buffer = new MemoryStream();
            if (parse.GetValue(format) == "json")
            {
                CrsDocument.WriteJson(buffer, crs);
            }
            else
            {
                buffer.Write(System.Text.Encoding.UTF8.GetBytes(CrsDocument.Html(crs, context.Clock.GetUtcNow())));
            }

            if (parse.GetValue(output) is { } path)
            {
                await Castellan.Core.Common.AtomicFile.WriteAsync(path, buffer.ToArray(), ct);
                await context.Error.WriteLineAsync($"Wrote {path}: {crs.Requirements.Count} requirement(s) for zone '{zoneId}'.");
            }
            else
            {
                await context.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }

            return 0;
        });
        return command;
    }

    private static Argument<string> WorkspaceArgument() => new("workspace") { Description = "The workspace file (YAML, docs/workspace.md), e.g. samples/water-treatment-plant.yaml." };

    private static Command Check(CliContext context)
    {
        var file = WorkspaceArgument();
        var format = new Option<string>("--format", "-f") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" }.AcceptOnlyFromAmong("table", "json");
        var command = new Command("check", "Run every IEC 62443 rule over a workspace (zones, conduits, assets, SL-T/SL-C/SL-A). Exit 1 when an error-severity finding exists.") { file, format };
        command.SetAction(async (parse, ct) =>
        {
            var outcome = await new CheckWorkspace(await context.ReadyDatabaseAsync(parse, ct), context.Clock).RunAsync(parse.GetValue(file)!, ct);
            var report = outcome.Report;
            if (parse.GetValue(format) == "json")
            {
                using var buffer = new MemoryStream();
                CheckJson.Write(buffer, outcome.Workspace, report);
                await context.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                TableWriter.Write(context.Out, FindingHeaders, report.Findings.Select(f => (IReadOnlyList<string>)[
                    f.Severity.ToWire(), f.Rule, f.Clause, string.Join(" ", f.Objects.Take(3)) + (f.Objects.Count > 3 ? " …" : ""), f.Message]), maxLastColumn: 140);
                await context.Out.WriteLineAsync();
                await context.Out.WriteLineAsync($"{outcome.Workspace.Zones.Count} zone(s), {outcome.Workspace.Conduits.Count} conduit(s), {outcome.Workspace.Assets.Count} asset(s): " +
                    $"{report.Findings.Count(f => f.Severity == Severity.Error)} error(s), {report.Findings.Count(f => f.Severity == Severity.Warning)} warning(s). Fixes: --format json.");
            }

            return report.HasErrors ? Program.Refused : Program.Success;
        });
        return command;
    }

    private static Command Zones(CliContext context)
    {
        var file = WorkspaceArgument();
        var format = OutputOptions.Format();
        var command = new Command("zones", "Zones with SL-T, SL-A (computed from the requirement results and the components' SL-C) and the gap per FR.") { file, format };
        command.SetAction(async (parse, ct) =>
        {
            var outcome = await new CheckWorkspace(await context.ReadyDatabaseAsync(parse, ct), context.Clock).RunAsync(parse.GetValue(file)!, ct);
            var zones = outcome.Workspace.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
            var rows = outcome.Report.Zones.Select(l => (IReadOnlyList<string>)[
                l.Zone, zones[l.Zone].Purdue.ToWire(), Show(l.Slt), Show(l.Sla), Show(l.Gap), zones[l.Zone].Name]);
            switch (OutputOptions.Parse(parse.GetValue(format)!))
            {
                case OutputFormat.Json:
                    using (var buffer = new MemoryStream())
                    {
                        CheckJson.Write(buffer, outcome.Workspace, outcome.Report with { Findings = [] });
                        await context.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                    }

                    break;
                case OutputFormat.Csv:
                    CsvWriter.Write(context.Out, ZoneHeaders, rows);
                    break;
                default:
                    await context.Out.WriteLineAsync($"FRs: {string.Join(" ", SlVector.Abbreviations)}");
                    TableWriter.Write(context.Out, ZoneHeaders, rows);
                    break;
            }

            return 0;
        });
        return command;
    }

    private static string Show(SlVector? vector) => vector?.ToString() ?? "-";
}
