using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Advisories;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Advisories;

/// <summary>What happened to one file of an import.</summary>
public enum ImportResult
{
    /// <summary>A tracking id not seen before.</summary>
    Imported,

    /// <summary>A newer revision: it became current, the previous one is kept as history.</summary>
    Replaced,

    /// <summary>This revision was already imported with the same content.</summary>
    Unchanged,

    /// <summary>An older revision than the current one: kept as history, the current one stays.</summary>
    History,

    /// <summary>Not imported: the first problem says which test failed where.</summary>
    Refused,
}

/// <summary>
/// Imports CSAF 2.0 documents (files, or folders searched for *.json) into the database. Each document is checked
/// (structure and the implemented mandatory tests); a refused document does not stop the others. Revisions are kept:
/// a newer /document/tracking/version becomes current and the older one stays with IsCurrent = false; the same version
/// with the same content changes nothing; the same version with different content is refused (CSAF §3.2.1.12.8 wants a
/// new version for every change). All accepted documents are written in one transaction.
/// </summary>
public sealed class ImportAdvisories(DatabaseTarget database, TimeProvider clock)
{
    public sealed record FileOutcome(string File, ImportResult Result, string? TrackingId, string? Version, IReadOnlyList<CsafProblem> Problems);

    public sealed record Outcome(IReadOnlyList<FileOutcome> Files)
    {
        public int Count(ImportResult result) => Files.Count(f => f.Result == result);
    }

    public async Task<Outcome> RunAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken = default)
    {
        var files = Expand(inputs);
        var read = new ConcurrentDictionary<int, (string Text, string Sha256, CsafVerdict Verdict)>();
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => read[i] = ReadOne(files[i]));

        await using var db = database.CreateContext();
        var existing = (await db.Advisories.AsNoTracking()
                .Select(a => new Existing(a.Key, a.TrackingId, a.Version, a.Sha256, a.IsCurrent, a.CurrentReleaseDate))
                .ToListAsync(cancellationToken))
            .GroupBy(a => a.TrackingId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var demoted = new List<long>();
        var added = new List<AdvisoryRow>();
        var outcomes = new List<FileOutcome>();
        var now = clock.GetUtcNow();
        for (var i = 0; i < files.Count; i++)
        {
            var (text, sha, verdict) = read[i];
            if (verdict.Advisory is not { } advisory)
            {
                outcomes.Add(new(files[i], ImportResult.Refused, null, null, verdict.Problems));
                continue;
            }

            var revisions = existing.TryGetValue(advisory.TrackingId, out var list) ? list : existing[advisory.TrackingId] = [];
            var result = Decide(advisory, sha, revisions, out var problem);
            outcomes.Add(new(files[i], result, advisory.TrackingId, advisory.Version, problem is null ? [] : [problem]));
            if (result is ImportResult.Refused or ImportResult.Unchanged)
            {
                continue;
            }

            var current = result is ImportResult.Imported or ImportResult.Replaced;
            if (current)
            {
                foreach (var old in revisions.Where(r => r.IsCurrent).ToList())
                {
                    revisions[revisions.IndexOf(old)] = old with { IsCurrent = false };
                    if (old.Key is { } key)
                    {
                        demoted.Add(key);
                    }
                    else
                    {
                        added.Single(a => a.TrackingId == old.TrackingId && a.Version == old.Version).IsCurrent = false;
                    }
                }
            }

            revisions.Add(new Existing(null, advisory.TrackingId, advisory.Version, sha, current, advisory.CurrentReleaseDate));
            added.Add(new AdvisoryRow
            {
                TrackingId = advisory.TrackingId,
                Version = advisory.Version,
                Title = advisory.Title,
                Publisher = advisory.Publisher,
                CurrentReleaseDate = advisory.CurrentReleaseDate.ToUniversalTime(),
                IsCurrent = current,
                Document = text,
                SourceFile = Path.GetFileName(files[i]),
                Sha256 = sha,
                ImportedAt = now,
            });
        }

        if (added.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (demoted.Count > 0)
            {
                await db.Advisories.Where(a => demoted.Contains(a.Key)).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsCurrent, false), cancellationToken);
            }

            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Advisories.AddRange(added);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new Outcome(outcomes);
    }

    private static ImportResult Decide(Advisory advisory, string sha, List<Existing> revisions, out CsafProblem? problem)
    {
        problem = null;
        if (revisions.FirstOrDefault(r => r.Version == advisory.Version) is { } same)
        {
            if (same.Sha256 == sha)
            {
                return ImportResult.Unchanged;
            }

            problem = new("revision", "/document/tracking/version", $"version {advisory.Version} of {advisory.TrackingId} is already imported with different content; a changed document needs a new version");
            return ImportResult.Refused;
        }

        var current = revisions.FirstOrDefault(r => r.IsCurrent);
        if (current is null)
        {
            return ImportResult.Imported;
        }

        return Newer(advisory.Version, advisory.CurrentReleaseDate, current.Version, current.ReleaseDate) ? ImportResult.Replaced : ImportResult.History;
    }

    // CSAF versions are integers or semantic versions: compared number by number, then by release date.
    private static bool Newer(string version, DateTimeOffset date, string currentVersion, DateTimeOffset currentDate)
    {
        var order = VersionNumber.TryParse(version) is { } a && VersionNumber.TryParse(currentVersion) is { } b ? a.CompareTo(b) : 0;
        return order > 0 || (order == 0 && date > currentDate);
    }

    private static (string Text, string Sha256, CsafVerdict Verdict) ReadOne(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > CsafReader.MaxBytes)
            {
                return ("", "", new(null, [new("json", "/", $"{info.Length / (1024 * 1024)} MB is more than the {CsafReader.MaxBytes / (1024 * 1024)} MB a CSAF document may have")]));
            }

            var bytes = File.ReadAllBytes(path);
            var verdict = CsafReader.Read(bytes, headerOnly: true);
            if (!verdict.Valid)
            {
                return ("", "", verdict);
            }

            var text = Encoding.UTF8.GetString(bytes);
            return (text, Convert.ToHexStringLower(SHA256.HashData(bytes)), verdict);
        }
        catch (IOException e)
        {
            return ("", "", new(null, [new("file", "/", "cannot be read: " + e.Message)]));
        }
        catch (UnauthorizedAccessException)
        {
            return ("", "", new(null, [new("file", "/", "cannot be read: permission denied")]));
        }
    }

    private static List<string> Expand(IReadOnlyList<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                files.AddRange(Directory.EnumerateFiles(input, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                files.Add(input);
            }
            else
            {
                throw new UsageException($"{input}: no such file or folder");
            }
        }

        return files;
    }

    private sealed record Existing(long? Key, string TrackingId, string Version, string Sha256, bool IsCurrent, DateTimeOffset ReleaseDate);
}
