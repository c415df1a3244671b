using System.CommandLine;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Cli.Database;

/// <summary>castellan db migrate | info</summary>
public static class DbCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("db", "Create, upgrade and inspect the database (SQLite by default, PostgreSQL with --db or $CASTELLAN_DB).");

        var migrate = new Command("migrate", "Create or upgrade the database schema and seed the shipped catalogs. Safe to run again: nothing changes when up to date.");
        migrate.SetAction(async (parse, ct) =>
        {
            var target = context.Target(parse);
            var outcome = await new MigrateDatabase(context.Clock).RunAsync(target, ct);
            await context.Out.WriteLineAsync($"Database: {target.Description}");
            await context.Out.WriteLineAsync(outcome.AppliedMigrations.Count == 0
                ? "Schema: up to date."
                : $"Schema: applied {outcome.AppliedMigrations.Count} migration(s): {string.Join(", ", outcome.AppliedMigrations)}.");
            await context.Out.WriteLineAsync(outcome.Seeded
                ? $"Catalogs: seeded {outcome.Catalogs} shipped catalog(s) and {outcome.MappingSets} mapping set(s)."
                : "Catalogs: up to date.");
            return 0;
        });

        var info = new Command("info", "Show which database is used, where it is, and its state. Changes nothing.");
        info.SetAction(async (parse, ct) =>
        {
            var target = context.Target(parse);
            await context.Out.WriteLineAsync($"Provider:  {target.Provider}");
            await context.Out.WriteLineAsync($"Database:  {target.Description}");
            if (target.SqliteFile is { } file && !File.Exists(file))
            {
                await context.Out.WriteLineAsync("State:     not created yet (run 'castellan db migrate', or any command that needs it)");
                return 0;
            }

            await using var db = target.CreateContext();
            if (!await db.Database.CanConnectAsync(ct))
            {
                await context.Error.WriteLineAsync($"castellan: cannot connect to {target.Description}");
                return 1;
            }

            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await context.Out.WriteLineAsync($"Schema:    {(applied.Count == 0 ? "empty" : applied[^1])}{(pending.Count > 0 ? $" ({pending.Count} migration(s) pending)" : "")}");
            if (applied.Count > 0)
            {
                var catalogs = await db.Catalogs.CountAsync(ct);
                var requirements = await db.Requirements.CountAsync(ct);
                await context.Out.WriteLineAsync($"Catalogs:  {catalogs} ({requirements} records)");
            }

            return 0;
        });

        command.Subcommands.Add(migrate);
        command.Subcommands.Add(info);
        return command;
    }
}
