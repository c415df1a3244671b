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
        return command;
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
