using System.Net;
using System.Net.Http.Json;
using Castellan.Domain.Accounts;
using Castellan.Tests;
using Microsoft.Data.Sqlite;

namespace Castellan.Web.Tests.Hosting;

/// <summary>
/// On SQLite the server copies the write-ahead log into the database file in the background, so that no writer pays
/// for it inside its commit: a change reaches the database file itself within a second or so, long before the log
/// would have grown to SQLite's own checkpoint threshold (1,000 pages).
/// </summary>
public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task Change_ReachesTheDatabaseFileItself_WithoutWaitingForTheLogToFillUp()
    {
        await using var host = await WebTestHost.StartAsync("sqlite");
        var api = await host.ApiClientAsync("olga", "write", (WebTestHost.SiteA, SiteRole.OtEngineer));
        var file = host.Database.SqliteFile.ShouldNotBeNull();

        var created = await api.PostAsJsonAsync($"/api/v1/sites/{WebTestHost.SiteA}/zones",
            new { id = "checkpointed", name = "Checkpointed", purdue = "1", safety = false, criticality = "high", networks = Array.Empty<string>(), slt = "1 1 1 1 1 1 1" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!InTheFileAlone(file))
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the zone never reached the database file: nothing checkpointed the log");
            await Task.Delay(100);
        }
    }

    /// <summary>Whether a copy of the database file without its log holds the zone (a copy taken mid-checkpoint may be torn: then not yet).</summary>
    private static bool InTheFileAlone(string file)
    {
        var copy = Path.Combine(TestPaths.TempDirectory(), "alone.db");
        File.Copy(file, copy);
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM workspace_objects WHERE \"Kind\" = 'zone' AND \"Id\" = 'checkpointed'";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
