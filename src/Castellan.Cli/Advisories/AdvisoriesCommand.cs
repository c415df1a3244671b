using System.CommandLine;
using System.Text.Json;
using Castellan.Cli.Output;
using Castellan.Core.Advisories;

namespace Castellan.Cli.Advisories;

/// <summary>
/// castellan advisories import | validate — CSAF 2.0 security advisories: checked (structure and the implemented
/// mandatory tests of CSAF 2.0 §6.1), kept with their source and their revision history.
/// </summary>
public static class AdvisoriesCommand
{
    private static readonly string[] ImportHeaders = ["file", "result", "tracking id", "version", "reason"];

    public static Command Create(CliContext context) => new("advisories", "CSAF 2.0 security advisories (ICS vendors, CISA): import and validate.")
    {
        Import(context),
        Validate(),
    };

    private static Command Import(CliContext context)
    {
        var inputs = new Argument<string[]>("input") { Description = "CSAF 2.0 JSON files, or folders searched for *.json. The table lists refused, replaced and older revisions; --format json lists every file.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format", "-f") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" }.AcceptOnlyFromAmong("table", "json");
        var command = new Command("import", "Import CSAF 2.0 documents: a refused document (test id and JSON path) does not stop the others; a newer revision replaces the current one and the old is kept. Exit 1 when one was refused.") { inputs, format };
        command.SetAction(async (parse, ct) =>
        {
            // --db is resolved, and the database created or upgraded, while the first files are read and checked.
            var outcome = await new ImportAdvisories(cancellationToken => context.ReadyDatabaseAsync(parse, cancellationToken), context.Clock, context.Actor)
                .RunAsync(parse.GetValue(inputs)!, ct);
            var summary = $"{outcome.Files.Count} file(s): {outcome.Count(ImportResult.Imported)} imported, {outcome.Count(ImportResult.Replaced)} replaced, " +
                $"{outcome.Count(ImportResult.Unchanged)} unchanged, {outcome.Count(ImportResult.History)} older revision(s) kept as history, {outcome.Count(ImportResult.Refused)} refused.";
            if (parse.GetValue(format) == "json")
            {
                WriteJson(context.Out, outcome);
                await context.Error.WriteLineAsync(summary);
            }
            else
            {
                TableWriter.Write(context.Out, ImportHeaders, outcome.Files.Where(f => f.Result is not (ImportResult.Unchanged or ImportResult.Imported)).Select(f => (IReadOnlyList<string>)[
                    Path.GetFileName(f.File), Wire(f.Result), f.TrackingId ?? "", f.Version ?? "", f.Problems.Count > 0 ? f.Problems[0].ToString() : ""]), maxLastColumn: 160);
                await context.Out.WriteLineAsync();
                await context.Out.WriteLineAsync(summary);
            }

            return outcome.Count(ImportResult.Refused) > 0 ? Program.Refused : Program.Success;
        });
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<string>("file") { Description = "A CSAF 2.0 JSON document." };
        var command = new Command("validate", "The verdict on one CSAF 2.0 document, test by test (the structure Castellan relies on, then each implemented mandatory test). Exit 1 when a test fails.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new Castellan.Core.Common.UsageException($"{path}: no such file");
            }

            var bytes = await File.ReadAllBytesAsync(path, ct);
            var verdict = CsafReader.Read(bytes);
            var output = parse.InvocationConfiguration.Output;
            var early = verdict.Problems.Where(p => p.TestId is "json" or "schema").ToList();
            await output.WriteLineAsync($"{Path.GetFileName(path)}: {(verdict.Valid ? "valid" : "invalid")}");
            await output.WriteLineAsync($"  {(early.Count == 0 ? "pass" : "FAIL"),-4}  structure   (JSON, limits, the CSAF 2.0 schema parts Castellan relies on)");
            foreach (var problem in early)
            {
                await output.WriteLineAsync($"          {problem.Path}: {problem.Message}");
            }

            if (early.Count == 0)
            {
                var document = CsafNode.Parse(bytes);
                foreach (var (id, title) in CsafMandatoryTests.Implemented)
                {
                    var problems = CsafMandatoryTests.Run(document, id);
                    await output.WriteLineAsync($"  {(problems.Count == 0 ? "pass" : "FAIL"),-4}  {id,-10}  {title}");
                    foreach (var problem in problems)
                    {
                        await output.WriteLineAsync($"          {problem.Path}: {problem.Message}");
                    }
                }
            }

            await output.WriteLineAsync($"Implemented mandatory tests: {string.Join(", ", CsafMandatoryTests.Implemented.Select(t => t.Id))}; the other §6.1 tests are not run.");
            return verdict.Valid ? Program.Success : Program.Refused;
        });
        return command;
    }

    private static string Wire(ImportResult result) => result switch
    {
        ImportResult.Imported => "imported",
        ImportResult.Replaced => "replaced",
        ImportResult.Unchanged => "unchanged",
        ImportResult.History => "history",
        ImportResult.Refused => "refused",
    };

    private static void WriteJson(TextWriter output, ImportAdvisories.Outcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("counts");
            foreach (var result in Enum.GetValues<ImportResult>())
            {
                json.WriteNumber(Wire(result), outcome.Count(result));
            }

            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var file in outcome.Files)
            {
                json.WriteStartObject();
                json.WriteString("file", file.File);
                json.WriteString("result", Wire(file.Result));
                json.WriteString("trackingId", file.TrackingId);
                json.WriteString("version", file.Version);
                json.WriteStartArray("problems");
                foreach (var problem in file.Problems)
                {
                    json.WriteStartObject();
                    json.WriteString("test", problem.TestId);
                    json.WriteString("path", problem.Path);
                    json.WriteString("message", problem.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
