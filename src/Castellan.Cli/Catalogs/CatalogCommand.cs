using System.CommandLine;
using Castellan.Cli.Output;
using Castellan.Core.Catalogs;
using Castellan.Core.Common;
using Castellan.Core.Oscal;
using Castellan.Domain.Catalogs;

namespace Castellan.Cli.Catalogs;

/// <summary>castellan catalog list | show | export | import</summary>
public static class CatalogCommand
{
    private static readonly string[] ListHeaders = ["id", "standard", "edition", "grading", "requirements", "unsure", "origin", "title"];
    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var command = new Command("catalog", "The standards as data: list, show, export (OSCAL) and import (OSCAL catalogs, licensed text overlays).");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Import(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var format = OutputOptions.Format();
        var list = new Command("list", "Every catalog in the database (shipped and imported), with edition and requirement counts.") { format };
        list.SetAction(async (parse, ct) =>
        {
            var items = await new ListCatalogs(await context.ReadyDatabaseAsync(parse, ct)).RunAsync(ct);
            var headers = ListHeaders;
            var rows = items.Select(i => (IReadOnlyList<string>)[i.Id, i.Name, i.Edition, i.Grading, i.Requirements.ToString(), i.Unsure.ToString(), i.Origin, i.Title]);
            switch (OutputOptions.Parse(parse.GetValue(format)!))
            {
                case OutputFormat.Json:
                    await context.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(
                        new { catalogs = items.Select(i => new { id = i.Id, standard = i.Name, title = i.Title, edition = i.Edition, grading = i.Grading, origin = i.Origin, requirements = i.Requirements, unsure = i.Unsure }) },
                        IndentedJson));
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

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("catalog") { Description = "Catalog id, e.g. iec62443-3-3-2013 (see 'castellan catalog list')." };
        var sl = new Option<int?>("--sl") { Description = "Keep the requirements required at this security level (1–4; security-level catalogs: 62443-3-3, 4-2)." };
        var format = OutputOptions.Format();
        var show = new Command("show", "The requirements of one catalog, in document order.") { id, sl, format };
        show.Validators.Add(result =>
        {
            if (result.GetValue(sl) is { } level && !LevelSet.IsValidLevel(level))
            {
                result.AddError($"--sl must be 1, 2, 3 or 4 (got {level}).");
            }
        });
        show.SetAction(async (parse, ct) =>
        {
            var catalog = await new LoadCatalog(await context.ReadyDatabaseAsync(parse, ct)).RunAsync(parse.GetValue(id)!, ct);
            var level = parse.GetValue(sl);
            if (level is not null && catalog.Header.Grading != Grading.SecurityLevel)
            {
                throw new UsageException($"--sl applies to security-level catalogs; '{catalog.Id}' is graded '{catalog.Header.Grading.ToWire()}'");
            }

            var requirements = level is null ? catalog.Requirements : catalog.AtLevel(level.Value);
            await WriteRequirementsAsync(context, catalog, requirements, level, OutputOptions.Parse(parse.GetValue(format)!));
            return 0;
        });
        return show;
    }

    private static async Task WriteRequirementsAsync(CliContext context, Catalog catalog, IReadOnlyList<Requirement> requirements, int? level, OutputFormat format)
    {
        var graded = catalog.Header.Grading == Grading.SecurityLevel;
        string[] headers = graded ? ["id", "kind", "sl", "status", "title"] : ["id", "kind", "status", "title"];
        IReadOnlyList<string> Row(Requirement r, string id) => graded
            ? [id, r.Kind.ToWire(), r.Levels.ToString(), r.Status.ToWire(), r.Title]
            : [id, r.Kind.ToWire(), r.Status.ToWire(), r.Title];

        switch (format)
        {
            case OutputFormat.Json:
                await context.Out.FlushAsync();
                await using (var stdout = new MemoryStream())
                {
                    CatalogJson.Write(stdout, catalog, requirements, level);
                    await context.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
                }

                break;
            case OutputFormat.Csv:
                CsvWriter.Write(context.Out, [.. headers.Append("parent")], requirements.Select(r => (IReadOnlyList<string>)[.. Row(r, r.Id), r.ParentId ?? ""]));
                break;
            default:
                var depth = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var r in requirements)
                {
                    depth[r.Id] = r.ParentId is not null && depth.TryGetValue(r.ParentId, out var d) ? d + 1 : 0;
                }

                await context.Out.WriteLineAsync($"{catalog.Header.Name}:{catalog.Header.Edition} {catalog.Header.Title}" + (level is null ? "" : $" — required at SL {level}"));
                TableWriter.Write(context.Out, headers, requirements.Select(r => Row(r, new string(' ', 2 * depth[r.Id]) + r.Id)));
                await context.Out.WriteLineAsync($"{requirements.Count(r => r.Assessable)} requirement(s), {requirements.Count(r => r.Assessable && r.Status == VerificationStatus.Unsure)} unsure.");
                break;
        }
    }

    private static Command Export(CliContext context)
    {
        var id = new Argument<string>("catalog") { Description = "Catalog id." };
        var format = new Option<string>("--format", "-f")
        { Description = "Export format: oscal (an OSCAL 1.2 catalog, JSON).", DefaultValueFactory = _ => "oscal" }
            .AcceptOnlyFromAmong("oscal");
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: standard output). Written whole or not at all." };
        var export = new Command("export", "Export a catalog as an OSCAL 1.2 catalog.") { id, format, output };
        export.SetAction(async (parse, ct) =>
        {
            var catalog = await new LoadCatalog(await context.ReadyDatabaseAsync(parse, ct)).RunAsync(parse.GetValue(id)!, ct);
            using var buffer = new MemoryStream();
            OscalCatalogWriter.Write(catalog, buffer, context.Clock.GetUtcNow());
            if (parse.GetValue(output) is { } path)
            {
                await AtomicFile.WriteAsync(path, buffer.ToArray(), ct);
                await context.Error.WriteLineAsync($"Wrote {catalog.Requirements.Count} requirement(s) of '{catalog.Id}' to {path}.");
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
        var file = new Argument<string>("file") { Description = "An OSCAL catalog (JSON), a catalog in Castellan's YAML format, or a text overlay (YAML with 'overlay: <catalog id>') that lays licensed full texts over a catalog's ids." };
        var id = new Option<string?>("--id") { Description = "Catalog id for an OSCAL catalog (default: from its Castellan props, else from its title)." };
        var replace = new Option<bool>("--replace") { Description = "Replace an imported catalog with the same id." };
        var import = new Command("import", "Import a catalog or a licensed text overlay. The file is validated whole before anything is written.") { file, id, replace };
        import.SetAction(async (parse, ct) =>
        {
            var catalogId = parse.GetValue(id);
            if (catalogId is not null && !CatalogId.IsValid(catalogId))
            {
                throw new UsageException($"--id '{catalogId}' is not a valid catalog id (lower-case letters, digits and '-')");
            }

            await using var db = await context.OpenDatabaseAsync(parse, ct);
            var outcome = await new ImportCatalog(db, context.Clock, context.Actor).RunAsync(parse.GetValue(file)!, catalogId, parse.GetValue(replace), ct);
            await context.Out.WriteLineAsync(outcome.Kind == "text-overlay"
                ? $"Laid {outcome.Requirements} text(s) over catalog '{outcome.CatalogId}'."
                : $"{(outcome.Replaced ? "Replaced" : "Imported")} catalog '{outcome.CatalogId}' ({outcome.Kind}, {outcome.Requirements} record(s)).");
            return 0;
        });
        return import;
    }
}
