using System.CommandLine;
using Castellan.Cli.Output;
using Castellan.Core.Advisories;
using Castellan.Core.Zones;
using Castellan.Domain.Advisories;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;

namespace Castellan.Cli.Zones;

/// <summary>castellan check | zones — the OT model (docs/workspace.md) checked like code.</summary>
public static class ZoneCommands
{
    private static readonly string[] FindingHeaders = ["severity", "rule", "clause", "objects", "message"];
    private static readonly string[] ZoneHeaders = ["zone", "purdue", "SL-T", "SL-A", "gap", "name"];

    public static IEnumerable<Command> Create(CliContext context) => [Check(context), Zones(context), Crs(context), Diagram(context)];

    private static Command Diagram(CliContext context)
    {
        var file = WorkspaceArgument();
        var output = new Option<string>("--out", "-o") { Description = "The SVG file to write.", Required = true };
        var site = new Option<string?>("--site") { Description = "Only this site (default: every site, side by side)." };
        var chart = new Option<string?>("--chart") { Description = "Instead of the diagram: the SL-T against SL-A chart of this zone over the 7 FRs." };
        var command = new Command("diagram", "Draw the zones and conduits by Purdue level as SVG, with SL-T/SL-A badges and findings in red; or a zone's SL chart (--chart ZONE).") { file, output, site, chart };
        command.SetAction(async (parse, ct) =>
        {
            var outcome = await new CheckWorkspace(await context.ReadyDatabaseAsync(parse, ct), context.Clock).RunAsync(parse.GetValue(file)!, ct);
            string svg;
            if (parse.GetValue(chart) is { } zoneId)
            {
                var levels = outcome.Report.Zones.FirstOrDefault(z => z.Zone == zoneId)
                    ?? throw new Castellan.Core.Common.UsageException($"--chart: no zone '{zoneId}'");
                svg = SlChart.Render(levels, outcome.Workspace.Zones.First(z => z.Id == zoneId).Name);
            }
            else
            {
                var siteId = parse.GetValue(site);
                if (siteId is not null && outcome.Workspace.Sites.All(s => s.Id != siteId))
                {
                    throw new Castellan.Core.Common.UsageException($"--site: no site '{siteId}'; sites: {string.Join(", ", outcome.Workspace.Sites.Select(s => s.Id))}");
                }

                svg = ZoneDiagram.Render(outcome.Workspace, outcome.Report.Zones, outcome.Report.Findings, siteId);
            }

            var path = parse.GetValue(output)!;
            await Castellan.Core.Common.AtomicFile.WriteAsync(path, System.Text.Encoding.UTF8.GetBytes(svg), ct);
            await context.Error.WriteLineAsync($"Wrote {path}.");
            return 0;
        });
        return command;
    }

    private static Command Crs(CliContext context)
    {
        var file = WorkspaceArgument();
        var zone = new Option<string>("--zone", "-z") { Description = "The zone id.", Required = true };
        var format = new Option<string>("--format", "-f") { Description = "html (default) or json.", DefaultValueFactory = _ => "html" }.AcceptOnlyFromAmong("html", "json");
        var output = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output)." };
        var advisories = new Option<string?>("--advisories") { Description = "Match the CSAF documents of this folder for the zone's open vulnerabilities (default: the advisories imported into the database, when there are any)." };
        var command = new Command("crs", "The cybersecurity requirements specification of a zone (IEC 62443-3-2 ZCR 6): its characteristics, its risk inputs (threat scenarios, open vulnerabilities) and the IEC 62443-3-3 requirements its SL-T calls for, with their results.")
        {
            file, zone, format, output, advisories,
        };
        command.SetAction(async (parse, ct) =>
        {
            var outcome = await new CheckWorkspace(await context.ReadyDatabaseAsync(parse, ct), context.Clock).RunAsync(parse.GetValue(file)!, ct);
            var zoneId = parse.GetValue(zone)!;
            var target = outcome.Workspace.Zones.FirstOrDefault(z => z.Id == zoneId)
                ?? throw new Castellan.Core.Common.UsageException($"--zone: no zone '{zoneId}'; zones: {string.Join(", ", outcome.Workspace.Zones.Select(z => z.Id).Take(20))}");
            var catalog = await new CheckWorkspace(await context.ReadyDatabaseAsync(parse, ct), context.Clock).SystemRequirementsAsync(ct);
            var assessed = await new AssessVulnerabilities(await context.ReadyDatabaseAsync(parse, ct), context.Clock).RunAsync(outcome.Workspace, outcome.Report.Zones, parse.GetValue(advisories), ct);
            var crs = CyberSecurityRequirements.Build(outcome.Workspace, target, outcome.Report.Zones.Single(l => l.Zone == zoneId), catalog) with
            {
                Vulnerabilities = assessed is null ? null : PatchItems.InputsOf(zoneId, assessed.Items, outcome.Workspace.Risk),
            };
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
        var timings = new Option<bool>("--timings") { Description = "Print to standard error how long loading the file and running the rules took." };
        var advisories = new Option<string?>("--advisories") { Description = "Match the CSAF documents of this folder for open vulnerabilities (default: the advisories imported into the database, when there are any)." };
        var noAdvisories = new Option<bool>("--no-advisories") { Description = "Do not report open vulnerabilities." };
        var command = new Command("check", "Run every IEC 62443 rule over a workspace (zones, conduits, assets, SL-T/SL-C/SL-A), and report the open vulnerabilities of the imported advisories (IEC 62443-3-2 ZCR 5.2). Exit 1 when an error-severity finding exists.")
        {
            file, format, timings, advisories, noAdvisories,
        };
        command.SetAction(async (parse, ct) =>
        {
            var database = await context.ReadyDatabaseAsync(parse, ct);
            var outcome = await new CheckWorkspace(database, context.Clock).RunAsync(parse.GetValue(file)!, ct);
            var report = outcome.Report;
            var vulnerabilities = parse.GetValue(noAdvisories) ? null
                : await new AssessVulnerabilities(database, context.Clock).RunAsync(outcome.Workspace, report.Zones, parse.GetValue(advisories), ct);
            if (vulnerabilities is not null)
            {
                report = report.With(VulnerabilityFindings.Evaluate(vulnerabilities.Items));
            }

            if (parse.GetValue(timings))
            {
                await context.Error.WriteLineAsync(System.FormattableString.Invariant(
                    $"timings: load {outcome.Load.TotalMilliseconds:0} ms, rules + SL-A {outcome.Analysis.TotalMilliseconds:0} ms ({100 * outcome.Analysis.TotalMilliseconds / Math.Max(1, outcome.Load.TotalMilliseconds):0.#} % of load)"));
            }

            if (parse.GetValue(format) == "json")
            {
                using var buffer = new MemoryStream();
                CheckJson.Write(buffer, outcome.Workspace, report, vulnerabilities?.Advisories);
                await context.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                TableWriter.Write(context.Out, FindingHeaders, report.Findings.Select(f => (IReadOnlyList<string>)[
                    f.Severity.ToWire(), f.Rule, f.Clause, string.Join(" ", f.Objects.Take(3)) + (f.Objects.Count > 3 ? " …" : ""), f.Message]), maxLastColumn: 140);
                await context.Out.WriteLineAsync();
                await context.Out.WriteLineAsync($"{outcome.Workspace.Zones.Count} zone(s), {outcome.Workspace.Conduits.Count} conduit(s), {outcome.Workspace.Assets.Count} asset(s): " +
                    $"{report.Findings.Count(f => f.Severity == Severity.Error)} error(s), {report.Findings.Count(f => f.Severity == Severity.Warning)} warning(s). Fixes: --format json.");
                await context.Out.WriteLineAsync(parse.GetValue(noAdvisories) ? "Open vulnerabilities: not checked (--no-advisories)."
                    : vulnerabilities is null ? "Open vulnerabilities: not checked, no advisories imported (castellan advisories import FOLDER, or --advisories FOLDER)."
                    : $"Open vulnerabilities: {vulnerabilities.Open} (asset, advisory) item(s) from {vulnerabilities.Advisories} advisories; patched, mitigated, accepted and dismissed ones are not findings.");
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
