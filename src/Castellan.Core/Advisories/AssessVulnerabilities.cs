using Castellan.Core.Persistence;
using Castellan.Domain.Advisories;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;

namespace Castellan.Core.Advisories;

/// <summary>
/// The patch items of a workspace already loaded and checked, for `castellan check` (open items are findings) and the
/// risk side (open items are vulnerability inputs of their zone, IEC 62443-3-2 ZCR 5.2): the advisories of a folder
/// when one is given, else those imported into the database. None imported and no folder: nothing to assess (null),
/// so a plain check costs one query.
/// </summary>
public sealed class AssessVulnerabilities(DatabaseTarget database, TimeProvider clock)
{
    /// <summary>How many advisories were matched and the items found (every state: the caller decides what is open).</summary>
    public sealed record Outcome(int Advisories, IReadOnlyList<PatchItem> Items)
    {
        public int Open => Items.Count(i => i.IsOpen);
    }

    public async Task<Outcome?> RunAsync(Workspace workspace, IReadOnlyList<ZoneLevels> levels, string? advisoriesFolder, CancellationToken cancellationToken = default)
    {
        if (advisoriesFolder is null && !await AnyImportedAsync(cancellationToken))
        {
            return null;
        }

        var found = await new FindVulnerabilities(database, clock).RunAsync(workspace, levels, advisoriesFolder, cancellationToken);
        return new Outcome(found.Advisories, found.Items);
    }

    private async Task<bool> AnyImportedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await SqlReads.OpenAsync(database, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM advisories WHERE "IsCurrent" = @current""";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("current", true);
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
