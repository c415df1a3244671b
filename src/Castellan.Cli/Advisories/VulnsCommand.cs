using System.CommandLine;
using System.Globalization;
using Castellan.Core.Advisories;
using Castellan.Core.Common;

namespace Castellan.Cli.Advisories;

/// <summary>
/// castellan vulns WORKSPACE — which assets the advisories affect, where they are and what to do (IEC 62443-3-2 ZCR 5.2:
/// known vulnerabilities in the risk assessment); castellan vulns dismiss | confirm — a person's verdict on a match.
/// </summary>
public static class VulnsCommand
{
    public static Command Create(CliContext context)
    {
        var workspace = new Argument<string>("workspace") { Description = "The workspace file (YAML, docs/workspace.md)." };
        var advisories = new Option<string?>("--advisories") { Description = "Match the CSAF documents of this folder instead of the advisories imported into the database." };
        var format = new Option<string>("--format", "-f") { Description = "table (default), json, html or csv.", DefaultValueFactory = _ => "table" }.AcceptOnlyFromAmong("table", "json", "html", "csv");
        var output = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output)." };
        var timings = new Option<bool>("--timings") { Description = "Print to standard error how long loading the advisories and matching took." };
        var command = new Command("vulns", "Affected assets per advisory: CVEs with CVSS, zone with SL-T/SL-A, reachability from less trusted zones, remediations; ordered by exposure and consequence. Exit 1 when an asset is affected.")
        {
            workspace, advisories, format, output, timings,
        };
        command.Subcommands.Add(Decide(context, "dismiss", "dismissed", "Dismiss a suggested match (kept in the database; survives re-import)."));
        command.Subcommands.Add(Decide(context, "confirm", "confirmed", "Confirm a suggested match."));
        command.Subcommands.Add(Status(context));
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(workspace)!;
            var outcome = await new FindVulnerabilities(await context.ReadyDatabaseAsync(parse, ct), context.Clock).RunAsync(path, parse.GetValue(advisories), ct);
            if (parse.GetValue(timings))
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"timings: load {outcome.Advisories} advisories {outcome.LoadAdvisories.TotalMilliseconds:0} ms, index {outcome.Products} products and match {outcome.Workspace.Assets.Count} assets {outcome.Match.TotalMilliseconds:0} ms"));
            }

            var text = parse.GetValue(format) switch
            {
                "json" => VulnsOutput.Json(outcome),
                "html" => VulnsOutput.Html(outcome, context.Clock.GetUtcNow()),
                "csv" => VulnsOutput.Csv(outcome),
                _ => VulnsOutput.Table(outcome),
            };
            if (parse.GetValue(output) is { } file)
            {
                await AtomicFile.WriteAsync(file, System.Text.Encoding.UTF8.GetBytes(text), ct);
                await context.Error.WriteLineAsync($"Wrote {file}.");
            }
            else
            {
                await context.Out.WriteAsync(text);
            }

            var matches = outcome.Assets.Sum(a => a.Matches.Count);
            await context.Error.WriteLineAsync($"{outcome.Assets.Count} affected asset(s), {matches} vulnerability match(es) from {outcome.Advisories} advisories ({outcome.Dismissed} dismissed" +
                (outcome.Refused > 0 ? $", {outcome.Refused} document(s) refused" : "") + ").");
            return outcome.Assets.Count > 0 ? Program.Refused : Program.Success;
        });
        return command;
    }

    private static Command Status(CliContext context)
    {
        var advisory = new Argument<string>("advisory") { Description = "The advisory's tracking id, e.g. ICSA-18-310-02." };
        var asset = new Option<string>("--asset") { Description = "The asset id.", Required = true };
        var state = new Option<string>("--state") { Description = "open, evaluating, scheduled, patched, mitigated or risk-accepted.", Required = true }
            .AcceptOnlyFromAmong("open", "evaluating", "scheduled", "patched", "mitigated", "risk-accepted");
        var due = new Option<DateOnly?>("--due") { Description = "scheduled: the outage window (YYYY-MM-DD)." };
        var countermeasure = new Option<string?>("--countermeasure") { Description = "mitigated: the compensating countermeasure (IEC 62443-3-3 §4.3)." };
        var note = new Option<string?>("--note") { Description = "Why (required for risk-accepted)." };
        var by = new Option<string?>("--by") { Description = "Who (required for risk-accepted)." };
        var command = new Command("status", "Record the next patch-management step of an advisory on an asset (the history is kept).") { advisory, asset, state, due, countermeasure, note, by };
        command.SetAction(async (parse, ct) =>
        {
            var step = await new RecordPatchState(await context.ReadyDatabaseAsync(parse, ct), context.Clock, context.Actor).RunAsync(parse.GetValue(advisory)!, parse.GetValue(asset)!,
                parse.GetValue(state)!, parse.GetValue(due), parse.GetValue(countermeasure), parse.GetValue(note), parse.GetValue(by), ct);
            await context.Out.WriteLineAsync($"{parse.GetValue(advisory)} on asset {parse.GetValue(asset)}: {parse.GetValue(state)}{(step.Due is { } d ? $" (outage window {d:yyyy-MM-dd})" : "")}.");
            return Program.Success;
        });
        return command;
    }

    private static Command Decide(CliContext context, string name, string decision, string description)
    {
        var advisory = new Argument<string>("advisory") { Description = "The advisory's tracking id, e.g. ICSA-18-310-02." };
        var asset = new Option<string>("--asset") { Description = "The asset id.", Required = true };
        var product = new Option<string?>("--product") { Description = "The product id in the advisory (default: every product of the advisory)." };
        var reason = new Option<string?>("--reason") { Description = "Why (required to dismiss)." };
        var by = new Option<string?>("--by") { Description = "Who decided." };
        var command = new Command(name, description) { advisory, asset, product, reason, by };
        command.SetAction(async (parse, ct) =>
        {
            var replaced = await new DecideMatch(await context.ReadyDatabaseAsync(parse, ct), context.Clock, context.Actor)
                .RunAsync(parse.GetValue(advisory)!, parse.GetValue(product), parse.GetValue(asset)!, decision, parse.GetValue(reason), parse.GetValue(by), ct);
            await context.Out.WriteLineAsync($"{(replaced ? "Replaced the earlier verdict: " : "")}{parse.GetValue(advisory)} on asset {parse.GetValue(asset)} {decision}.");
            return Program.Success;
        });
        return command;
    }
}
