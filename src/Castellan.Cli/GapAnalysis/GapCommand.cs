using System.CommandLine;
using System.Globalization;
using Castellan.Cli.Output;
using Castellan.Core.Common;
using Castellan.Core.GapAnalysis;
using Castellan.Core.Soa;
using Castellan.Domain.GapAnalysis;
using Castellan.Domain.Mappings;
using Castellan.Domain.Risk;

namespace Castellan.Cli.GapAnalysis;

/// <summary>castellan gap --soa FILE --target CATALOG[@SLn|@MLn] …</summary>
public static class GapCommand
{
    private static readonly string[] SummaryHeaders = ["area", "requirements", "covered", "partial", "not-covered", "ot-specific", "n/a", "coverage"];
    private static readonly string[] ActionHeaders = ["#", "requirement", "from", "status", "action"];

    public static Command Create(CliContext context)
    {
        var soa = new Option<string>("--soa") { Description = "Statement of Applicability: CSV or XLSX, ISO/IEC 27001:2022 or 2013 numbering.", Required = true };
        var target = new Option<string[]>("--target", "-t")
        {
            Description = "Target: a catalog id with its level, e.g. iec62443-3-3-2013@SL2, iec62443-4-2-2019@SL3, iec62443-2-1-2024@ML2, iec62443-3-2-2020. Repeat for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: table (default), json, html (a self-contained report) or xlsx.",
            DefaultValueFactory = _ => "table",
        }.AcceptOnlyFromAmong("table", "json", "html", "xlsx");
        var output = new Option<string?>("--out", "-o") { Description = "File to write (required for xlsx; default: standard output). Written whole or not at all." };
        var certified = new Option<bool>("--isms-certified")
        {
            Description = "Count mappings from ISO/IEC 27001 clauses 4–10 as implemented (the ISMS is certified). Default: clauses are shown as evidence but not counted.",
        };
        var failOnGaps = new Option<bool>("--fail-on-gaps") { Description = "Exit with 1 when any requirement is a gap (for pipelines)." };
        var workspace = new Option<string?>("--workspace", "-w") { Description = "A workspace with a risk register: order the actions by the worst residual risk that relies on each requirement (docs/workspace.md, 'risk')." };
        var command = new Command("gap", "Gap analysis: what an ISO/IEC 27001 Statement of Applicability already gives toward an IEC 62443 target, requirement by requirement, with the evidence for every answer.")
        {
            soa, target, format, output, certified, failOnGaps, workspace,
        };

        command.SetAction(async (parse, ct) =>
        {
            var targets = new List<GapTarget>();
            foreach (var text in parse.GetValue(target)!)
            {
                targets.Add(GapTarget.TryParse(text, out var parsed, out var error) ? parsed! : throw new UsageException($"--target {text}: {error}"));
            }

            var soaPath = parse.GetValue(soa)!;
            if (!File.Exists(soaPath))
            {
                throw new UsageException($"--soa {soaPath}: no such file");
            }

            IReadOnlyDictionary<string, GapRiskWeights.Weight>? weights = null;
            if (parse.GetValue(workspace) is { } workspacePath)
            {
                var model = await Castellan.Core.Zones.CheckWorkspace.LoadAsync(workspacePath, ct);
                weights = GapRiskWeights.From(model.Risk ?? throw new InputException($"{Path.GetFileName(workspacePath)}: the workspace has no risk register (a 'risk:' section, docs/workspace.md)"));
            }

            var (import, reports) = await new RunGapAnalysis(await context.ReadyDatabaseAsync(parse, ct)).RunAsync(
                Path.GetFileName(soaPath), File.ReadAllBytes(soaPath), targets,
                new GapCalculator.Options { IsmsClausesImplemented = parse.GetValue(certified), RiskWeights = weights }, ct);
            ReportSoa(context, soaPath, import);

            var path = parse.GetValue(output);
            switch (parse.GetValue(format))
            {
                case "json":
                    var json = new ChunkedBuffer();
                    GapJson.Write(json, reports);
                    if (path is null)
                    {
                        context.WriteOut(json);
                    }
                    else
                    {
                        await WriteFileAsync(context, path, json.ToArray(), ct);
                    }

                    break;
                case "html":
                    await WriteAsync(context, path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(GapHtml.Render(reports, Path.GetFileName(soaPath), context.Clock.GetUtcNow()))), ct);
                    break;
                case "xlsx":
                    if (path is null)
                    {
                        throw new UsageException("--format xlsx needs --out FILE.xlsx");
                    }

                    await WriteAsync(context, path, stream => GapXlsx.Write(stream, reports), ct);
                    break;
                default:
                    await WriteAsync(context, path, stream =>
                    {
                        using var writer = new StreamWriter(stream, leaveOpen: true);
                        WriteTable(writer, reports);
                    }, ct);
                    break;
            }

            return parse.GetValue(failOnGaps) && reports.Any(r => r.Actions.Count > 0) ? Program.Refused : Program.Success;
        });
        return command;
    }

    /// <summary>The SoA summary on standard error (synchronous writes: one async method less to compile at run time).</summary>
    private static void ReportSoa(CliContext context, string path, SoaImport import)
    {
        var refused = import.Rows.Where(r => r.Outcome == "refused").ToList();
        var converted = import.Rows.Count(r => r.Outcome == "converted");
        context.Error.WriteLine($"SoA {Path.GetFileName(path)}: {import.Soa.Entries.Count} control(s); {import.Rows.Count(r => r.Outcome == "imported")} row(s) imported, {converted} converted, {refused.Count} refused.");
        if (import.Warning is not null)
        {
            context.Error.WriteLine($"  note: {import.Warning}");
        }

        foreach (var row in refused)
        {
            context.Error.WriteLine($"  row {row.Row}: refused: {row.Message}");
        }
    }

    private static async Task WriteAsync(CliContext context, string? path, Action<Stream> write, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        if (path is null)
        {
            await context.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return;
        }

        await WriteFileAsync(context, path, buffer.ToArray(), ct);
    }

    private static async Task WriteFileAsync(CliContext context, string path, byte[] content, CancellationToken ct)
    {
        await AtomicFile.WriteAsync(path, content, ct);
        await context.Error.WriteLineAsync($"Wrote {path}.");
    }

    private static void WriteTable(TextWriter writer, IReadOnlyList<GapReport> reports)
    {
        foreach (var report in reports)
        {
            var total = report.Total;
            writer.WriteLine($"{report.Catalog.Header.Name}:{report.Catalog.Header.Edition} at {report.Target}: {total.Total} requirement(s), coverage {total.CoveragePercent.ToString("0.#", CultureInfo.InvariantCulture)} %");
            TableWriter.Write(writer, SummaryHeaders, report.Summary.Append(total).Select(a => (IReadOnlyList<string>)[
                a == total ? "total" : $"{a.Area} {a.Title}", I(a.Total), I(a.Covered), I(a.Partial), I(a.NotCovered), I(a.OtSpecific), I(a.NotApplicable),
                a.CoveragePercent.ToString("0.#", CultureInfo.InvariantCulture) + " %"]));
            writer.WriteLine();
            writer.WriteLine($"Prioritised actions ({report.Actions.Count}):");
            TableWriter.Write(writer, ActionHeaders, report.Actions.Select(a => (IReadOnlyList<string>)[
                I(a.Rank), $"{a.RequirementId} {a.Title}", a.Level is { } l ? I(l) : "-", a.Status.ToWire(),
                a.Risk is null ? a.Action : $"[{a.Risk}] {a.Action}"]), maxLastColumn: 110);
            writer.WriteLine();
            writer.WriteLine("Results (evidence and notes: --format json or html):");
            TableWriter.Write(writer, ["requirement", "status", "evidence"], report.Results.Select(r => (IReadOnlyList<string>)[
                r.Requirement.Id, r.Status.ToWire(),
                string.Join(", ", r.Evidence.Select(e => $"{e.ControlId} {ShortState(e.SoaState)} {e.Relationship.ToWire()}"))]), maxLastColumn: 110);
            writer.WriteLine();
        }
    }

    private static string ShortState(string state) => state switch
    {
        "implemented" => "[impl]",
        "partially-implemented" => "[partial]",
        "excluded" => "[excl]",
        _ => $"[{state}]",
    };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
