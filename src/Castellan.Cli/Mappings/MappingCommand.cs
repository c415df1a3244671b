using System.CommandLine;
using System.Text.Json;
using Castellan.Cli.Output;
using Castellan.Core.Mappings;
using Castellan.Domain.Catalogs;

namespace Castellan.Cli.Mappings;

/// <summary>castellan mapping show | export | import</summary>
public static class MappingCommand
{
    private static readonly string[] Headers = ["direction", "relationship", "catalog", "requirement", "title", "strength", "provenance", "status"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var command = new Command("mapping", "Typed, sourced mappings between standards: show both directions of a requirement, export and import mapping sets.");
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(List(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var format = OutputOptions.Format();
        var list = new Command("list", "Every mapping set in the database, with its row counts.") { format };
        list.SetAction(async (parse, ct) =>
        {
            var sets = await new ListMappingSets(await context.ReadyDatabaseAsync(parse, ct)).RunAsync(ct);
            IReadOnlyList<string> headers = ["id", "source", "target", "rows", "ot-specific", "unsure", "origin", "title"];
            var rows = sets.Select(s => (IReadOnlyList<string>)[s.Id, s.Source, s.Target, s.Rows.ToString(), s.OtSpecific.ToString(), s.Unsure.ToString(), s.Origin, s.Title]);
            switch (OutputOptions.Parse(parse.GetValue(format)!))
            {
                case OutputFormat.Json:
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { mappingSets = sets }, Indented));
                    break;
                case OutputFormat.Csv:
                    CsvWriter.Write(context.Out, headers, rows);
                    break;
                default:
                    TableWriter.Write(context.Out, headers, rows);
                    break;
            }

            return 0;
        });
        return list;
    }

    private static Command Export(CliContext context)
    {
        var id = new Argument<string>("mapping-set") { Description = "Mapping set id (see 'castellan mapping list'), e.g. iso27001-2022-to-iec62443-3-3-2013." };
        var format = new Option<string>("--format", "-f") { Description = "oscal: an OSCAL 1.2 mapping-collection (JSON).", DefaultValueFactory = _ => "oscal" }
            .AcceptOnlyFromAmong("oscal");
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: standard output). Written whole or not at all." };
        var export = new Command("export", "Export a mapping set as an OSCAL 1.2 mapping-collection.") { id, format, output };
        export.SetAction(async (parse, ct) =>
        {
            var set = await new LoadMappingSet(await context.ReadyDatabaseAsync(parse, ct)).RunAsync(parse.GetValue(id)!, ct);
            using var buffer = new MemoryStream();
            OscalMappingWriter.Write(set, buffer, context.Clock.GetUtcNow());
            if (parse.GetValue(output) is { } path)
            {
                await Castellan.Core.Common.AtomicFile.WriteAsync(path, buffer.ToArray(), ct);
                await context.Error.WriteLineAsync($"Wrote {set.Mappings.Count} mapping(s) and {set.OtSpecific.Count} OT-specific mark(s) of '{set.Header.Id}' to {path}.");
            }
            else
            {
                await context.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }

            return 0;
        });
        return export;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "An OSCAL mapping-collection (JSON) or a mapping set in Castellan's YAML format (catalogs/README.md)." };
        var source = new Option<string?>("--source") { Description = "Source catalog id, when the OSCAL file names its catalogs by an address Castellan cannot resolve." };
        var target = new Option<string?>("--target") { Description = "Target catalog id (as --source)." };
        var id = new Option<string?>("--id") { Description = "Mapping set id for an OSCAL file (default: <source>-to-<target>)." };
        var replace = new Option<bool>("--replace") { Description = "Replace an imported mapping set with the same id." };
        var import = new Command("import", "Import a mapping set. Deviations from OSCAL 1.2.1 are named as warnings; broken structure is refused. All or nothing.") { file, source, target, id, replace };
        import.SetAction(async (parse, ct) =>
        {
            var outcome = await new ImportMappingSet(await context.ReadyDatabaseAsync(parse, ct), context.Clock, context.Actor)
                .RunAsync(parse.GetValue(file)!, parse.GetValue(source), parse.GetValue(target), parse.GetValue(id), parse.GetValue(replace), ct);
            foreach (var warning in outcome.Warnings)
            {
                await context.Error.WriteLineAsync($"warning: {warning}");
            }

            await context.Out.WriteLineAsync($"{(outcome.Replaced ? "Replaced" : "Imported")} mapping set '{outcome.MappingSetId}' ({outcome.Source} → {outcome.Target}): {outcome.Mappings} mapping(s), {outcome.OtSpecific} OT-specific mark(s), {outcome.Warnings.Count} warning(s).");
            return 0;
        });
        return import;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("requirement") { Description = "A requirement id, e.g. A.5.15 or \"SR 5.2 RE 2\" (quote ids with spaces)." };
        var catalog = new Option<string?>("--catalog", "-c") { Description = "Only this catalog (an id such as A.5.1 exists in several)." };
        var format = OutputOptions.Format();
        var show = new Command("show", "Everything mapped to and from a requirement, in both directions, with relationship and provenance.") { id, catalog, format };
        show.SetAction(async (parse, ct) =>
        {
            var subjects = await new ShowMappings(await context.ReadyDatabaseAsync(parse, ct)).RunAsync(parse.GetValue(id)!, parse.GetValue(catalog), ct);
            switch (OutputOptions.Parse(parse.GetValue(format)!))
            {
                case OutputFormat.Json:
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        results = subjects.Select(s => new
                        {
                            catalog = s.Catalog.Id.Value,
                            id = s.Requirement.Id,
                            title = s.Requirement.Title,
                            otSpecific = s.OtSpecific is null ? null : new { mappingSet = s.OtSpecificSet, rationale = s.OtSpecific.Rationale, provenance = s.OtSpecific.Provenance },
                            mappings = s.Links.Select(l => new
                            {
                                direction = l.Direction, mappingSet = l.MappingSet, relationship = l.Relationship, catalog = l.OtherCatalog, id = l.OtherId,
                                title = l.OtherTitle, strength = l.Strength, provenance = l.Provenance, status = l.Status.ToWire(), rationale = l.Rationale,
                            }),
                        }),
                    }, Indented));
                    break;
                case OutputFormat.Csv:
                    CsvWriter.Write(context.Out, ["catalog", "id", .. Headers, "rationale"], subjects.SelectMany(s => s.Links.Select(l => (IReadOnlyList<string>)[
                        s.Catalog.Id.Value, s.Requirement.Id, l.Direction, l.Relationship, l.OtherCatalog, l.OtherId, l.OtherTitle, l.Strength?.ToString() ?? "",
                        l.Provenance, l.Status.ToWire(), l.Rationale ?? ""])));
                    break;
                default:
                    foreach (var s in subjects)
                    {
                        await context.Out.WriteLineAsync($"{s.Catalog.Header.Name}:{s.Catalog.Header.Edition} {s.Requirement.Id} {s.Requirement.Title}");
                        if (s.OtSpecific is not null)
                        {
                            await context.Out.WriteLineAsync($"  OT-specific (no ISO counterpart, {s.OtSpecificSet}): {s.OtSpecific.Rationale}");
                        }

                        if (s.Links.Count == 0)
                        {
                            await context.Out.WriteLineAsync("  no mappings");
                        }
                        else
                        {
                            TableWriter.Write(context.Out, Headers, s.Links.Select(l => (IReadOnlyList<string>)[
                                l.Direction, l.Relationship, l.OtherCatalog, l.OtherId, l.OtherTitle, l.Strength?.ToString() ?? "", l.Provenance, l.Status.ToWire()]));
                        }

                        await context.Out.WriteLineAsync();
                    }

                    break;
            }

            return 0;
        });
        return show;
    }
}
