using System.CommandLine;
using Castellan.Cli.Output;
using Castellan.Core.Persistence;

namespace Castellan.Cli;

/// <summary>
/// What every command needs from its host: where to write, the clock, and the shared --db option. utf8Output is the byte
/// stream under output when output writes UTF-8 without a byte-order mark; null when output is held as text (tests) or
/// encoded otherwise.
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error, TimeProvider clock, Func<Stream?>? utf8Output = null)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TimeProvider Clock { get; } = clock;

    private readonly Lazy<string> actor = new(() => $"cli:{Environment.UserName}");

    /// <summary>
    /// Who the audit trail names for changes made from this command line. The user's name is a read of the password
    /// database (2 to 3 ms): made when first asked, or by <see cref="LookUpActor"/> on another core.
    /// </summary>
    public string Actor => actor.Value;

    /// <summary>Looks the actor up on the thread pool, while the command line is parsed and the command starts.</summary>
    public void LookUpActor() => _ = Task.Run(() => actor.Value);

    public Option<string> DbOption { get; } = new("--db")
    {
        Description = $"Database: a PostgreSQL connection string (Host=…;Database=…) or a SQLite file. Default: ${DatabaseTarget.EnvironmentVariable}, else {DatabaseTarget.DefaultSqlitePath}.",
        Recursive = true,
    };

    /// <summary>
    /// Writes UTF-8 output produced as bytes (a JSON report) to <see cref="Out"/>: straight to the underlying stream when
    /// there is one, otherwise decoded. The same characters either way; straight, a report of several hundred KB is not
    /// decoded into a string and encoded back.
    /// </summary>
    /// <remarks>
    /// Written synchronously: the console stream has no asynchronous writes of its own, and its inherited ones (as the
    /// synchronised writer's FlushAsync) would start the thread pool for a few write(2) calls.
    /// </remarks>
    public void WriteOut(ChunkedBuffer utf8)
    {
        if (utf8Output?.Invoke() is not { } stream)
        {
            Out.Write(System.Text.Encoding.UTF8.GetString(utf8.ToArray()));
            return;
        }

        Out.Flush();
        utf8.WriteTo(stream);
        stream.Flush();
    }

    public DatabaseTarget Target(ParseResult parse) => DatabaseTarget.Resolve(parse.GetValue(DbOption));

    /// <summary>Opens the database, creating or upgrading it and seeding the shipped catalogs when needed.</summary>
    public async Task<CastellanDbContext> OpenDatabaseAsync(ParseResult parse, CancellationToken cancellationToken) =>
        (await ReadyDatabaseAsync(parse, cancellationToken)).CreateContext();

    /// <summary>The database target, created, upgraded and seeded when needed (a cheap check when it is current).</summary>
    public async Task<DatabaseTarget> ReadyDatabaseAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var target = Target(parse);
        if (!await MigrateDatabase.IsCurrentAsync(target, KnownMigrations(target.Provider), cancellationToken))
        {
            await new MigrateDatabase(Clock).RunAsync(target, cancellationToken);
        }

        return target;
    }

    /// <summary>
    /// The migration ids compiled into this build: the [Migration] attributes of the provider's migrations assembly, read
    /// from its metadata. Reflection over its types (GetTypes) would load EF Core, its relational layer and ASP.NET
    /// Identity's stores to resolve the base types, which a command that only checks the schema never uses. The assembly
    /// is loaded by name: a type of it, such as its design-time factory, would load EF Core to resolve its interfaces.
    /// </summary>
    private static IReadOnlyCollection<string> KnownMigrations(DatabaseProvider provider) => MigrationIds(System.Reflection.Assembly.Load(
        provider == DatabaseProvider.Sqlite ? DatabaseTarget.SqliteMigrationsAssembly : DatabaseTarget.PostgresMigrationsAssembly));

    internal static IReadOnlyCollection<string> MigrationIds(System.Reflection.Assembly assembly)
    {
        if (assembly.Location is not { Length: > 0 } file)
        {
            return MigrationIdsByReflection(assembly); // loaded from memory (a single-file bundle): no file to read
        }

        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(file));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var ids = new List<string>();
        foreach (var handle in metadata.CustomAttributes)
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Parent.Kind == System.Reflection.Metadata.HandleKind.TypeDefinition && IsMigrationAttribute(metadata, attribute.Constructor))
            {
                // A custom attribute blob: prolog 0x0001, then the constructor's one string argument.
                var value = metadata.GetBlobReader(attribute.Value);
                if (value.ReadUInt16() == 1 && value.ReadSerializedString() is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    private static bool IsMigrationAttribute(System.Reflection.Metadata.MetadataReader metadata, System.Reflection.Metadata.EntityHandle constructor)
    {
        if (constructor.Kind != System.Reflection.Metadata.HandleKind.MemberReference)
        {
            return false; // the attribute is defined in EF Core, so its constructor is a reference from this assembly
        }

        var parent = metadata.GetMemberReference((System.Reflection.Metadata.MemberReferenceHandle)constructor).Parent;
        if (parent.Kind != System.Reflection.Metadata.HandleKind.TypeReference)
        {
            return false;
        }

        var type = metadata.GetTypeReference((System.Reflection.Metadata.TypeReferenceHandle)parent);
        return metadata.StringComparer.Equals(type.Name, nameof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute))
            && metadata.StringComparer.Equals(type.Namespace, "Microsoft.EntityFrameworkCore.Migrations");
    }

    internal static IReadOnlyCollection<string> MigrationIdsByReflection(System.Reflection.Assembly assembly) =>
        [.. assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), inherit: false).FirstOrDefault())
            .OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>()
            .Select(a => a.Id)];
}
