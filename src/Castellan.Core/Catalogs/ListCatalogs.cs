using Castellan.Core.Persistence;

namespace Castellan.Core.Catalogs;

/// <summary>
/// Every catalog in the database, shipped first, with its requirement counts. Plain SQL (portable between SQLite and
/// PostgreSQL) on a plain connection rather than EF: creating a context, building its model and compiling the query would take
/// most of a cold `castellan catalog list` (goal: ≤ 0.3 s whole-process, measured in bench/).
/// </summary>
public sealed class ListCatalogs(DatabaseTarget target)
{
    private const string Sql = """
        SELECT c."Id", c."Name", c."Title", c."Edition", c."Grading", c."Origin",
               (SELECT COUNT(*) FROM requirements r WHERE r."CatalogId" = c."Id" AND r."Assessable"),
               (SELECT COUNT(*) FROM requirements r WHERE r."CatalogId" = c."Id" AND r."Assessable" AND r."Status" = 'unsure')
        FROM catalogs c
        ORDER BY CASE WHEN c."Origin" = 'shipped' THEN 0 ELSE 1 END, c."Id"
        """;

    public sealed record Item(string Id, string Name, string Title, string Edition, string Grading, string Origin, int Requirements, int Unsure);

    public async Task<IReadOnlyList<Item>> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = target.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<Item>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new Item(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Convert.ToInt32(reader.GetValue(6)), Convert.ToInt32(reader.GetValue(7))));
        }

        return items;
    }
}
