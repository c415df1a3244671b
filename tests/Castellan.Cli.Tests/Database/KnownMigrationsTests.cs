namespace Castellan.Cli.Tests.Database;

public sealed class KnownMigrationsTests
{
    /// <summary>The ids read from the migrations assemblies' metadata are those reflection finds (every migration, nothing else).</summary>
    [Fact]
    public void MigrationIds_FromMetadata_EqualThoseFoundByReflection()
    {
        foreach (var assembly in (System.Reflection.Assembly[])[typeof(Castellan.Migrations.Sqlite.DesignTimeFactory).Assembly, typeof(Castellan.Migrations.Postgres.DesignTimeFactory).Assembly])
        {
            var fromMetadata = CliContext.MigrationIds(assembly);
            fromMetadata.ShouldNotBeEmpty();
            fromMetadata.Order(StringComparer.Ordinal).ShouldBe(CliContext.MigrationIdsByReflection(assembly).Order(StringComparer.Ordinal));
        }
    }
}
