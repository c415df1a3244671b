using System.Text;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;

namespace Castellan.Core.Zones;

/// <summary>Loads a workspace file and runs every rule over it, with SL-A computed from the IEC 62443-3-3 catalog.</summary>
public sealed class CheckWorkspace(DatabaseTarget database, TimeProvider clock)
{
    public const string SystemRequirementsCatalog = "iec62443-3-3-2013";

    /// <summary>The workspace, its check report, and where the time went: reading and parsing the file vs all rules and SL-A.</summary>
    public sealed record Outcome(Workspace Workspace, CheckReport Report, TimeSpan Load, TimeSpan Analysis);

    public async Task<Outcome> RunAsync(string path, CancellationToken cancellationToken = default)
    {
        var catalog = await SystemRequirementsAsync(cancellationToken);
        var started = clock.GetTimestamp();
        var workspace = await LoadAsync(path, cancellationToken);
        var loaded = clock.GetElapsedTime(started);
        var report = WorkspaceChecker.Run(workspace, catalog, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return new Outcome(workspace, report, loaded, clock.GetElapsedTime(started) - loaded);
    }

    public static async Task<Workspace> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException($"{path}: no such file");
        }

        if (info.Length > WorkspaceYaml.MaxBytes)
        {
            throw new InputException($"{path}: {info.Length / (1024 * 1024)} MB is more than the {WorkspaceYaml.MaxBytes / (1024 * 1024)} MB a workspace file may have");
        }

        return WorkspaceYaml.Read(Path.GetFileName(path), await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken));
    }

    public async Task<Catalog> SystemRequirementsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await SqlReads.OpenAsync(database, cancellationToken);
        return await SqlReads.CatalogAsync(connection, SystemRequirementsCatalog, cancellationToken)
            ?? throw new InputException($"the database has no '{SystemRequirementsCatalog}' catalog; run 'castellan db migrate'");
    }
}
