using System.CommandLine;
using System.Text.Json;
using Castellan.Cli.Output;
using Castellan.Core.Common;
using Castellan.Core.Soa;

namespace Castellan.Cli.Soa;

/// <summary>castellan soa check | export — read a Statement of Applicability as organisations keep it.</summary>
public static class SoaCommand
{
    private static readonly string[] RowHeaders = ["row", "outcome", "control", "message"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var command = new Command("soa", "Statement of Applicability (ISO/IEC 27001 6.1.3 d): check how a CSV/XLSX file is read, and export it as a full ISO/IEC 27001:2022 table.");
        command.Subcommands.Add(Check(context));
        command.Subcommands.Add(Export(context));
        return command;
    }

    private static Command Check(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The SoA: CSV (any of , ; tab |, with or without BOM) or XLSX; 2022 or 2013 numbering." };
        var format = OutputOptions.Format();
        var check = new Command("check", "Read an SoA and account for every row: imported, converted from 2013 numbering, or refused with its reason. Exit 1 when a row is refused.") { file, format };
        check.SetAction(async (parse, ct) =>
        {
            var import = await ReadAsync(parse.GetValue(file)!, ct);
            var rows = import.Rows.Select(r => (IReadOnlyList<string>)[r.Row.ToString(), r.Outcome, r.ControlId ?? "", r.Message]);
            switch (OutputOptions.Parse(parse.GetValue(format)!))
            {
                case OutputFormat.Json:
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        controls = import.Soa.Entries.Count,
                        warning = import.Warning,
                        rows = import.Rows.Select(r => new { row = r.Row, outcome = r.Outcome, control = r.ControlId, message = r.Message }),
                    }, Indented));
                    break;
                case OutputFormat.Csv:
                    CsvWriter.Write(context.Out, RowHeaders, rows);
                    break;
                default:
                    TableWriter.Write(context.Out, RowHeaders, rows, maxLastColumn: 100);
                    await context.Out.WriteLineAsync($"{import.Soa.Entries.Count} control(s): {Count(import, "imported")} row(s) imported, {Count(import, "converted")} converted, {Count(import, "refused")} refused.");
                    if (import.Warning is not null)
                    {
                        await context.Out.WriteLineAsync($"note: {import.Warning}");
                    }

                    break;
            }

            return Count(import, "refused") > 0 ? Program.Refused : Program.Success;
        });
        return check;
    }

    private static Command Export(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The SoA to read (CSV or XLSX, 2022 or 2013 numbering)." };
        var format = new Option<string>("--format", "-f") { Description = "csv or xlsx.", DefaultValueFactory = _ => "csv" }.AcceptOnlyFromAmong("csv", "xlsx");
        var output = new Option<string?>("--out", "-o") { Description = "File to write (required for xlsx; default: standard output for csv)." };
        var export = new Command("export", "Write the SoA as a full ISO/IEC 27001:2022 Annex A table (all 93 controls, titles, formula-safe cells).") { file, format, output };
        export.SetAction(async (parse, ct) =>
        {
            var import = await ReadAsync(parse.GetValue(file)!, ct);
            using var buffer = new MemoryStream();
            var xlsx = parse.GetValue(format) == "xlsx";
            if (xlsx)
            {
                SoaWriter.WriteXlsx(import.Soa, buffer);
            }
            else
            {
                SoaWriter.WriteCsv(import.Soa, buffer);
            }

            var path = parse.GetValue(output);
            if (path is null && xlsx)
            {
                throw new UsageException("--format xlsx needs --out FILE.xlsx");
            }

            if (path is null)
            {
                await context.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()).TrimStart('\uFEFF'));
            }
            else
            {
                await AtomicFile.WriteAsync(path, buffer.ToArray(), ct);
                await context.Error.WriteLineAsync($"Wrote {path}: 93 controls, {import.Soa.Entries.Count} from the SoA; {Count(import, "refused")} row(s) refused (see 'castellan soa check').");
            }

            return 0;
        });
        return export;
    }

    private static async Task<SoaImport> ReadAsync(string path, CancellationToken ct) =>
        File.Exists(path)
            ? SoaReader.Read(Path.GetFileName(path), await File.ReadAllBytesAsync(path, ct))
            : throw new UsageException($"{path}: no such file");

    private static int Count(SoaImport import, string outcome) => import.Rows.Count(r => r.Outcome == outcome);
}
