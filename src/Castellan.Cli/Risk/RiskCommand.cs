using System.CommandLine;
using System.Text;
using Castellan.Cli.Output;
using Castellan.Core.Advisories;
using Castellan.Core.Common;
using Castellan.Core.Risk;
using Castellan.Core.Zones;
using Castellan.Domain.Advisories;
using Castellan.Domain.Risk;
using Castellan.Domain.SecurityLevels;

namespace Castellan.Cli.Risk;

/// <summary>castellan risk FILE | risk slt FILE --zone ID | risk heatmap FILE -o FILE — the one IT/OT risk register.</summary>
public static class RiskCommand
{
    private static readonly string[] Headers = ["risk", "scope", "inherent", "residual", "tolerable", "treatment", "title"];
    private static readonly string[] VulnerabilityHeaders = ["zone", "asset", "advisory", "cvss", "exposure", "state", "scenarios", "cves"];

    public static Command Create(CliContext context)
    {
        var file = WorkspaceArgument();
        var format = new Option<string>("--format", "-f") { Description = "table (default), json or html.", DefaultValueFactory = _ => "table" }.AcceptOnlyFromAmong("table", "json", "html");
        var output = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output)." };
        var timings = new Option<bool>("--timings") { Description = "Print to standard error how long loading the workspace and computing the register and every derivation took." };
        var advisories = AdvisoriesOption();
        var command = new Command("risk", "The risk register (ISO/IEC 27001 6.1.2 with IEC 62443-3-2 ZCR 5): inherent and residual risk of every threat scenario against the tolerable line, SL-T derivations, SoA reasons, and the open vulnerabilities of each zone (ZCR 5.2) from the imported advisories.")
        {
            file, format, output, timings, advisories,
        };
        command.Subcommands.Add(Slt(context));
        command.Subcommands.Add(Heatmap(context));
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var started = context.Clock.GetTimestamp();
            var workspace = await CheckWorkspace.LoadAsync(path, ct);
            var loaded = context.Clock.GetElapsedTime(started);
            var report = RiskReport.Of(workspace, Path.GetFileName(path));
            var computed = context.Clock.GetElapsedTime(started) - loaded;
            report = await WithVulnerabilitiesAsync(context, parse, workspace, report, parse.GetValue(advisories), ct);
            if (parse.GetValue(timings))
            {
                await context.Error.WriteLineAsync(System.FormattableString.Invariant(
                    $"timings: load {loaded.TotalMilliseconds:0} ms, register ({report.Rows.Count} risks) + {report.Derivations.Count} derivations + SoA reasons {computed.TotalMilliseconds:0.0} ms ({100 * computed.TotalMilliseconds / Math.Max(1, loaded.TotalMilliseconds):0.##} % of load)"));
            }

            using var buffer = new MemoryStream();
            switch (parse.GetValue(format))
            {
                case "json":
                    RiskJson.Write(buffer, report, workspace);
                    break;
                case "html":
                    buffer.Write(Encoding.UTF8.GetBytes(RiskHtml.Render(report, workspace.Organisation)));
                    break;
                default:
                    using (var writer = new StreamWriter(buffer, leaveOpen: true))
                    {
                        WriteTable(writer, report);
                    }

                    break;
            }

            await WriteAsync(context, parse.GetValue(output), buffer.ToArray(), ct);
            return Program.Success;
        });
        return command;
    }

    private static Command Slt(CliContext context)
    {
        var file = WorkspaceArgument();
        var zone = new Option<string?>("--zone", "-z") { Description = "The zone id (default: every zone with a derivation)." };
        var write = new Option<bool>("--write") { Description = "Write the result onto the zones (slt, sltMethod, sltRationale) and save the file; comments in it are not kept." };
        var command = new Command("slt", "The SL-T derivation of a zone (IEC 62443-3-2 ZCR 5.6), step by step, against the zone's recorded SL-T.") { file, zone, write };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var workspace = await CheckWorkspace.LoadAsync(path, ct);
            var report = RiskReport.Of(workspace, Path.GetFileName(path));
            var results = report.Derivations;
            if (parse.GetValue(zone) is { } zoneId)
            {
                if (workspace.Zones.All(z => z.Id != zoneId))
                {
                    throw new UsageException($"--zone: no zone '{zoneId}'; zones: {string.Join(", ", workspace.Zones.Select(z => z.Id).Take(20))}");
                }

                results = [.. results.Where(r => r.Zone == zoneId)];
                if (results.Count == 0)
                {
                    throw new InputException($"{Path.GetFileName(path)}: zone '{zoneId}' has no SL-T derivation (risk.derivations)");
                }
            }

            var zones = workspace.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
            var consistent = true;
            foreach (var result in results)
            {
                await context.Out.WriteLineAsync($"Zone {result.Zone} — SL-T derivation ({result.Method.ToWire()}); FRs {string.Join(" ", SlVector.Abbreviations)}");
                var n = 1;
                foreach (var step in result.Steps)
                {
                    await context.Out.WriteLineAsync($"  {n++}. {step}");
                }

                var recorded = zones[result.Zone].Slt;
                var same = recorded == result.Expected;
                consistent &= same;
                await context.Out.WriteLineAsync($"  Recorded SL-T: {recorded?.ToString() ?? "none"} — {(same ? "matches" : $"differs from {result.Expected}")}.");
                await context.Out.WriteLineAsync();
            }

            if (parse.GetValue(write))
            {
                var written = results.ToDictionary(r => r.Zone, StringComparer.Ordinal);
                var updated = workspace with
                {
                    Zones = [.. workspace.Zones.Select(z => written.TryGetValue(z.Id, out var r) ? WithDerivation(z, r, workspace.Risk!) : z)],
                };
                await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes(WorkspaceYamlWriter.Write(updated)), ct);
                await context.Error.WriteLineAsync($"Wrote {path}: SL-T of {written.Count} zone(s).");
                return Program.Success;
            }

            return consistent ? Program.Success : Program.Refused;
        });
        return command;
    }

    /// <summary>The zone with its derived SL-T and basis: the override is "manual", with its reason as the rationale.</summary>
    private static Domain.Zones.Zone WithDerivation(Domain.Zones.Zone zone, SltResult result, RiskRegister register)
    {
        var rationale = register.Derivations.First(d => d.Zone == zone.Id).Rationale;
        return zone with
        {
            Slt = result.Expected,
            SltBasis = result.Override is { } manual
                ? new Domain.Zones.SltBasis("manual", manual.Reason)
                : new Domain.Zones.SltBasis(result.Method.ToWire(), rationale ?? result.Steps[^1]),
        };
    }

    private static Command Heatmap(CliContext context)
    {
        var file = WorkspaceArgument();
        var output = new Option<string>("--out", "-o") { Description = "The SVG file to write.", Required = true };
        var command = new Command("heatmap", "The register's heat map before and after treatment, as SVG.") { file, output };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var report = RiskReport.Of(await CheckWorkspace.LoadAsync(path, ct), Path.GetFileName(path));
            var target = parse.GetValue(output)!;
            await AtomicFile.WriteAsync(target, Encoding.UTF8.GetBytes(RiskHeatmap.Render(report)), ct);
            await context.Error.WriteLineAsync($"Wrote {target}: {report.Rows.Count} risk(s).");
            return Program.Success;
        });
        return command;
    }

    private static Option<string?> AdvisoriesOption() => new("--advisories")
    {
        Description = "Match the CSAF documents of this folder for the zones' open vulnerabilities (default: the advisories imported into the database, when there are any).",
    };

    /// <summary>ZCR 5.2: the open vulnerabilities of each zone, from the database's advisories or a folder.</summary>
    private static async Task<RiskReport> WithVulnerabilitiesAsync(CliContext context, System.CommandLine.ParseResult parse, Domain.Zones.Workspace workspace, RiskReport report, string? folder, CancellationToken ct)
    {
        var database = await context.ReadyDatabaseAsync(parse, ct);
        var check = new CheckWorkspace(database, context.Clock);
        var levels = Domain.Zones.Rules.WorkspaceChecker.Run(workspace, await check.SystemRequirementsAsync(ct), DateOnly.FromDateTime(context.Clock.GetUtcNow().UtcDateTime)).Zones;
        var assessed = await new AssessVulnerabilities(database, context.Clock).RunAsync(workspace, levels, folder, ct);
        return assessed is null ? report : report with { Advisories = assessed.Advisories, Vulnerabilities = PatchItems.InputsByZone(assessed.Items, workspace.Risk) };
    }

    private static void WriteTable(TextWriter writer, RiskReport report)
    {
        var m = report.Register.Matrix;
        TableWriter.Write(writer, Headers, report.Rows.Select(r => (IReadOnlyList<string>)[
            r.Scenario.Id, r.Scenario.Scope, m.Bands[r.Inherent.Band], m.Bands[r.Residual.Band],
            r.ResidualTolerable ? "yes" : r.Accepted ? "accepted" : "NO", r.Scenario.Treatment?.Decision.ToWire() ?? "-", r.Scenario.Title]), maxLastColumn: 80);
        writer.WriteLine();
        var above = report.Rows.Count(r => !r.ResidualTolerable);
        writer.WriteLine($"{report.Rows.Count} risk(s); tolerable up to '{m.Tolerable}'; {above} residual risk(s) above it ({report.Rows.Count(r => !r.ResidualTolerable && r.Accepted)} accepted). " +
            $"{report.Derivations.Count} SL-T derivation(s), {report.SoaReasons.Count} Annex A control(s) included for risk treatment. Details: --format json.");
        if (report.Advisories is not { } advisories)
        {
            writer.WriteLine("Known vulnerabilities (ZCR 5.2): not assessed, no advisories imported (castellan advisories import FOLDER, or --advisories FOLDER).");
            return;
        }

        var inputs = report.Vulnerabilities.SelectMany(z => z.Inputs.Select(i => (z.Zone, Input: i))).ToList();
        writer.WriteLine();
        writer.WriteLine($"Known vulnerabilities (ZCR 5.2): {inputs.Count} open (asset, advisory) item(s) in {report.Vulnerabilities.Count} zone(s), from {advisories} advisories.");
        if (inputs.Count > 0)
        {
            TableWriter.Write(writer, VulnerabilityHeaders, inputs.Select(v => (IReadOnlyList<string>)[
                v.Zone, v.Input.Item.Target.Asset.Id, v.Input.Item.Advisory.TrackingId, v.Input.Item.MaxCvss.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                v.Input.Item.Target.Exposure.ToWire(), v.Input.Item.State.ToWire(), v.Input.Scenarios.Count == 0 ? "none names it" : string.Join(" ", v.Input.Scenarios),
                string.Join(" ", v.Input.Item.Cves)]), maxLastColumn: 60);
        }
    }

    private static async Task WriteAsync(CliContext context, string? path, byte[] bytes, CancellationToken ct)
    {
        if (path is null)
        {
            await context.Out.WriteAsync(Encoding.UTF8.GetString(bytes));
            return;
        }

        await AtomicFile.WriteAsync(path, bytes, ct);
        await context.Error.WriteLineAsync($"Wrote {path}.");
    }

    private static Argument<string> WorkspaceArgument() => new("workspace") { Description = "The workspace file (YAML, docs/workspace.md) with a 'risk:' section, e.g. samples/water-treatment-plant.yaml." };
}
