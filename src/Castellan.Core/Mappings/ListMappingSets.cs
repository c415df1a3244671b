using Castellan.Core.Persistence;

namespace Castellan.Core.Mappings;

/// <summary>Every mapping set with its counts, in plain SQL (no EF start-up; see SqlReads).</summary>
public sealed class ListMappingSets(DatabaseTarget database)
{
    private const string Sql = """
        SELECT s."Id", s."SourceCatalogId", s."TargetCatalogId", s."Title", s."Origin",
               (SELECT COUNT(*) FROM mappings m WHERE m."MappingSetId" = s."Id"),
               (SELECT COUNT(*) FROM ot_specific o WHERE o."MappingSetId" = s."Id"),
               (SELECT COUNT(*) FROM mappings m WHERE m."MappingSetId" = s."Id" AND m."Status" = 'unsure'),
               s."Provenance"
        FROM mapping_sets s
        ORDER BY CASE WHEN s."Origin" = 'shipped' THEN 0 ELSE 1 END, s."Id"
        """;

    public sealed record Item(string Id, string Source, string Target, string Title, string Origin, int Rows, int OtSpecific, int Unsure, string Provenance = "");

    public async Task<IReadOnlyList<Item>> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await SqlReads.OpenAsync(database, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<Item>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new Item(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Convert.ToInt32(reader.GetValue(5)), Convert.ToInt32(reader.GetValue(6)), Convert.ToInt32(reader.GetValue(7)), reader.GetString(8)));
        }

        return items;
    }
}
