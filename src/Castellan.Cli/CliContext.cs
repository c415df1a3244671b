using System.CommandLine;
using Castellan.Core.Persistence;

namespace Castellan.Cli;

/// <summary>What every command needs from its host: where to write, the clock, and the shared --db option.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TimeProvider clock)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TimeProvider Clock { get; } = clock;

    public Option<string> DbOption { get; } = new("--db")
    {
        Description = $"Database: a PostgreSQL connection string (Host=…;Database=…) or a SQLite file. Default: ${DatabaseTarget.EnvironmentVariable}, else {DatabaseTarget.DefaultSqlitePath}.",
        Recursive = true,
    };

    public DatabaseTarget Target(ParseResult parse) => DatabaseTarget.Resolve(parse.GetValue(DbOption));

    /// <summary>Opens the database, creating or upgrading it and seeding the shipped catalogs when needed.</summary>
    public async Task<CastellanDbContext> OpenDatabaseAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var target = Target(parse);
        await new MigrateDatabase(Clock).RunAsync(target, cancellationToken);
        return target.CreateContext();
    }
}
