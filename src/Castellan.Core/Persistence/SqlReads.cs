using System.Data.Common;
using Castellan.Core.Catalogs;
using Castellan.Core.GapAnalysis;
using Castellan.Domain.GapAnalysis;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Persistence;

/// <summary>
/// Reads of reference data (catalogs, mapping sets) in plain SQL that runs unchanged on SQLite and PostgreSQL.
/// EF Core owns the schema and the writes (except the bulk advisory import, ImportAdvisories); these reads skip its start-up (context, model, query compilation),
/// which would otherwise dominate a CLI run. What is read is checked again by the domain's rules.
/// </summary>
public static class SqlReads
{
    public static async Task<DbConnection> OpenAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var connection = target.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public static async Task<IReadOnlyList<string>> CatalogIdsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var command = Command(connection, """SELECT "Id" FROM catalogs ORDER BY "Id" """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public static async Task<Catalog?> CatalogAsync(DbConnection connection, string id, CancellationToken cancellationToken)
    {
        CatalogRow? row = null;
        await using (var command = Command(connection,
            """SELECT "Id", "Name", "Title", "Edition", "Publisher", "Grading", "Copyright", "Origin" FROM catalogs WHERE "Id" = @id""", ("id", id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                row = new CatalogRow
                {
                    Id = reader.GetString(0),
                    Name = reader.GetString(1),
                    Title = reader.GetString(2),
                    Edition = reader.GetString(3),
                    Publisher = Nullable(reader, 4),
                    Grading = reader.GetString(5),
                    Copyright = Nullable(reader, 6),
                    Origin = reader.GetString(7),
                };
            }
        }

        if (row is null)
        {
            return null;
        }

        var requirements = new List<RequirementRow>();
        await using (var command = Command(connection, """
            SELECT "Id", "Position", "Kind", "Title", "ParentId", "Assessable", "Levels", "Status", "Source", "Note",
                   "ComponentType", "Roles", "Attributes", "Text"
            FROM requirements WHERE "CatalogId" = @id ORDER BY "Position"
            """, ("id", id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                requirements.Add(new RequirementRow
                {
                    CatalogId = id,
                    Id = reader.GetString(0),
                    Position = reader.GetInt32(1),
                    Kind = reader.GetString(2),
                    Title = reader.GetString(3),
                    ParentId = Nullable(reader, 4),
                    Assessable = reader.GetBoolean(5),
                    Levels = reader.GetInt32(6),
                    Status = reader.GetString(7),
                    Source = Nullable(reader, 8),
                    Note = Nullable(reader, 9),
                    ComponentType = Nullable(reader, 10),
                    Roles = Nullable(reader, 11),
                    Attributes = Nullable(reader, 12),
                    Text = Nullable(reader, 13),
                });
            }
        }

        return CatalogRows.FromRows(row, requirements);
    }

    /// <summary>Every mapping set whose source and target catalogs are both given; checked again against them.</summary>
    public static async Task<IReadOnlyList<MappingSet>> MappingSetsAsync(DbConnection connection, IReadOnlyCollection<Catalog> catalogs, CancellationToken cancellationToken)
    {
        var byId = catalogs.ToDictionary(c => c.Id.Value, StringComparer.Ordinal);
        var headers = new List<MappingSetHeader>();
        await using (var command = Command(connection, """SELECT "Id", "SourceCatalogId", "TargetCatalogId", "Title", "Provenance" FROM mapping_sets ORDER BY "Id" """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (byId.ContainsKey(reader.GetString(1)) && byId.ContainsKey(reader.GetString(2)))
                {
                    headers.Add(new MappingSetHeader
                    {
                        Id = reader.GetString(0),
                        Source = new CatalogId(reader.GetString(1)),
                        Target = new CatalogId(reader.GetString(2)),
                        Title = reader.GetString(3),
                        Provenance = reader.GetString(4),
                    });
                }
            }
        }

        var sets = new List<MappingSet>(headers.Count);
        foreach (var header in headers)
        {
            var mappings = new List<Mapping>();
            await using (var command = Command(connection, """
                SELECT "SourceId", "TargetId", "Relationship", "Strength", "Rationale", "Provenance", "Status"
                FROM mappings WHERE "MappingSetId" = @id ORDER BY "Position"
                """, ("id", header.Id)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    mappings.Add(new Mapping
                    {
                        SourceId = reader.GetString(0),
                        TargetId = Nullable(reader, 1),
                        Relationship = ParseRelationship(reader.GetString(2)),
                        Strength = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                        Rationale = Nullable(reader, 4),
                        Provenance = reader.GetString(5),
                        Status = ParseStatus(reader.GetString(6)),
                    });
                }
            }

            var otSpecific = new List<OtSpecificRequirement>();
            await using (var command = Command(connection,
                """SELECT "TargetId", "Rationale", "Provenance", "Status" FROM ot_specific WHERE "MappingSetId" = @id ORDER BY "TargetId" """, ("id", header.Id)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    otSpecific.Add(new OtSpecificRequirement
                    {
                        TargetId = reader.GetString(0),
                        Rationale = reader.GetString(1),
                        Provenance = reader.GetString(2),
                        Status = ParseStatus(reader.GetString(3)),
                    });
                }
            }

            sets.Add(MappingSet.Create(header, mappings, byId[header.Source.Value], byId[header.Target.Value], otSpecific));
        }

        return sets;
    }

    /// <summary>The tailoring notes seeded with the shipped catalogs, or null when the database has none.</summary>
    public static async Task<IReadOnlyList<TailoringNote>?> TailoringNotesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """SELECT "Value" FROM settings WHERE "Key" = @key""", ("key", MigrateDatabase.TailoringNotesKey));
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? TailoringJson.Read(json) : null;
    }

    // One method per enum rather than a generic one: a generic instantiated over an enum is compiled at run time, not ahead.
    private static Relationship ParseRelationship(string text) =>
        RelationshipNames.TryParse(text, out var value) ? value : throw Unknown(text);

    private static VerificationStatus ParseStatus(string text) =>
        VerificationStatusNames.TryParse(text, out var value) ? value : throw Unknown(text);

    private static InvalidOperationException Unknown(string text) =>
        new($"database: unknown value '{text}'; run `castellan db migrate` with this version of Castellan");

    private static string? Nullable(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        SqlCommands.Create(connection, null, sql, parameters);
}
