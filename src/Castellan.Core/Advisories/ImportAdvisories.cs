using System.Data.Common;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Advisories;

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
/// new version for every change). A file whose SHA-256 is already stored is unchanged without being parsed again.
/// All accepted documents are written in one transaction.
/// </summary>
public sealed class ImportAdvisories(Func<CancellationToken, Task<DatabaseTarget>> database, TimeProvider clock, string actor = "system")
{
    public ImportAdvisories(DatabaseTarget database, TimeProvider clock, string actor = "system")
        : this(_ => Task.FromResult(database), clock, actor)
    {
    }

    public sealed record FileOutcome(string File, ImportResult Result, string? TrackingId, string? Version, IReadOnlyList<CsafProblem> Problems);

    public sealed record Outcome(IReadOnlyList<FileOutcome> Files)
    {
        public int Count(ImportResult result) => Files.Count(f => f.Result == result);
    }

    /// <param name="inputs">Files, or folders searched for *.json.</param>
    /// <param name="cancellationToken">Stops the reading; nothing is written.</param>
    /// <remarks>
    /// The files are listed and the first ones read and checked before the database is asked for: the constructor's
    /// function (the CLI's resolves --db and creates or upgrades the database, about 40 ms) then runs while they are.
    /// </remarks>
    public async Task<Outcome> RunAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken = default)
    {
        var warming = Task.Run(Warm, CancellationToken.None);
        var files = Expand(inputs);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reads = new FileReads(files, stop.Token);
        try
        {
            return await WriteAsync(reads, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await reads.DrainAsync();
            await warming;
        }
    }

    /// <summary>A small valid CSAF document (made up): what <see cref="Warm"/> reads.</summary>
    internal static ReadOnlySpan<byte> WarmDocument => """
        {"document":{"category":"csaf_security_advisory","csaf_version":"2.0","title":"t","publisher":{"category":"vendor","name":"n","namespace":"https://example.com"},
         "notes":[{"category":"summary","text":"s"}],"references":[{"category":"external","summary":"s","url":"https://example.com/a"}],
         "tracking":{"id":"W-1","version":"1","status":"final","current_release_date":"2024-01-01T00:00:00Z","initial_release_date":"2024-01-01T00:00:00Z",
          "revision_history":[{"date":"2024-01-01T00:00:00Z","number":"1","summary":"s"}]}},
         "product_tree":{"branches":[{"category":"vendor","name":"v","branches":[{"category":"product_name","name":"p","product":{"name":"v p","product_id":"P1"}}]}]},
         "vulnerabilities":[{"cve":"CVE-2024-0001","notes":[{"category":"summary","text":"x"}],"product_status":{"known_affected":["P1"]},
          "remediations":[{"category":"vendor_fix","details":"d","product_ids":["P1"]}],
          "scores":[{"products":["P1"],"cvss_v3":{"version":"3.1","vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","baseScore":9.8,"baseSeverity":"CRITICAL"}}]}]}
        """u8;

    /// <summary>
    /// Does once what the first file needs the first time (OpenSSL loaded for SHA-256, the CSAF reader and checks and
    /// LZ4 run once), on another core while the files are listed and the database is checked: it was 25 ms of the first
    /// file's reading, with the second core idle.
    /// </summary>
    private static void Warm()
    {
        var document = WarmDocument;
        Sha256Hex.Of(document);
        CsafReader.Read(document.ToArray(), headerOnly: true);
        AdvisorySource.Compress(document);
        Audit.AuditJson.Object(("written", "1")); // the audit record's JSON writer: 3 ms of the import's last step cold, 1 warm
    }

    private async Task<Outcome> WriteAsync(FileReads reads, CancellationToken cancellationToken)
    {
        var target = await database(cancellationToken);
        using var writeBehind = SqliteWriteBehind.For(target); // disposed after the connection: see SqliteWriteBehind
        await using var connection = await SqlReads.OpenAsync(target, cancellationToken);
        using var journal = SqliteBulkJournal.TryEnter(connection); // back to WAL mode once the transaction has ended
        if (journal is not null)
        {
            writeBehind?.IntoDatabase();
        }

        var existing = await ExistingAsync(connection, cancellationToken);
        var stored = existing.Values.SelectMany(r => r).GroupBy(r => r.Sha256, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        reads.Stored = stored;
        var now = clock.GetUtcNow();

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = InsertCommand(connection, transaction);
        var demoted = new List<(string TrackingId, string Version)>();

        // The decisions and inserts run on a thread of their own, not the thread pool's, whose threads the reading keeps
        // busy: queued behind the reading, the inserts (50 ms of the 2,035 CISA advisories) were mostly left until the
        // last file had been read, 10 to 50 ms on one core at the end. On a thread of its own the writer keeps up.
        var outcomes = await Task.Factory.StartNew(() => Insert(reads, insert, writeBehind, existing, stored, now, demoted, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        if (demoted.Count > 0)
        {
            await using var update = Prepare(connection, transaction, """UPDATE advisories SET "IsCurrent" = @current WHERE "TrackingId" = @trackingId AND "Version" = @version""",
                ("current", false), ("trackingId", ""), ("version", ""));
            foreach (var (trackingId, version) in demoted)
            {
                (update.Parameters[1].Value, update.Parameters[2].Value) = (trackingId, version);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var written = outcomes.Count(o => o.Result is ImportResult.Imported or ImportResult.Replaced);
        if (written > 0)
        {
            await new Audit.AuditTrail(clock).AppendAsync(connection, transaction, new Audit.AuditEntry(actor, "", "advisories.import", "advisories", null,
                Audit.AuditJson.Object(("written", written.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("trackingIds", string.Join(" ", outcomes.Where(o => o.Result is ImportResult.Imported or ImportResult.Replaced).Select(o => $"{o.TrackingId}@{o.Version}"))))), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Outcome(outcomes);
    }

    // Decides each file in order (stored, refused, imported, a newer or older revision) and inserts what is written.
    private static List<FileOutcome> Insert(FileReads reads, DbCommand insert, SqliteWriteBehind? writeBehind, Dictionary<string, List<Existing>> existing, Dictionary<string, Existing> stored,
        DateTimeOffset now, List<(string TrackingId, string Version)> demoted, CancellationToken cancellationToken)
    {
        var outcomes = new List<FileOutcome>();
        foreach (var (file, (source, sha, verdict)) in reads.InOrder())
        {
            // A file whose SHA-256 is stored is that very revision, imported and checked before (the files read before
            // the stored hashes were known were checked again: the outcome is the same).
            if (stored.TryGetValue(sha, out var known))
            {
                outcomes.Add(new(file, ImportResult.Unchanged, known.TrackingId, known.Version, []));
                continue;
            }

            if (verdict.Advisory is not { } advisory)
            {
                outcomes.Add(new(file, ImportResult.Refused, null, null, verdict.Problems));
                continue;
            }

            var revisions = existing.TryGetValue(advisory.TrackingId, out var list) ? list : existing[advisory.TrackingId] = [];
            var result = Decide(advisory, sha, revisions, out var problem);
            outcomes.Add(new(file, result, advisory.TrackingId, advisory.Version, problem is null ? [] : [problem]));
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
                    demoted.Add((old.TrackingId, old.Version));
                }
            }

            revisions.Add(new Existing(advisory.TrackingId, advisory.Version, sha, current, advisory.CurrentReleaseDate));
            object[] values = [advisory.TrackingId, advisory.Version, advisory.Title, advisory.Publisher, advisory.CurrentReleaseDate.ToUniversalTime(), current,
                source, Path.GetFileName(file), sha, now];
            for (var p = 0; p < values.Length; p++)
            {
                insert.Parameters[p].Value = values[p];
            }

            cancellationToken.ThrowIfCancellationRequested();
            insert.ExecuteNonQuery();
            writeBehind?.RowWritten();
        }


        return outcomes;
    }

    private static async Task<Dictionary<string, List<Existing>>> ExistingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, List<Existing>>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "TrackingId", "Version", "Sha256", "IsCurrent", "CurrentReleaseDate" FROM advisories""";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Existing(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetFieldValue<DateTimeOffset>(4));
            (existing.TryGetValue(row.TrackingId, out var list) ? list : existing[row.TrackingId] = []).Add(row);
        }

        return existing;
    }

    // The bulk path: one transaction, one prepared INSERT reused for every row (plain SQL on SQLite and PostgreSQL).
    // EF Core's change tracking and per-row command building cost more than the rows themselves here. The document is
    // bound as its compressed bytes (AdvisorySource), compressed on the thread pool with the checks.
    private static DbCommand InsertCommand(DbConnection connection, DbTransaction transaction) =>
        Prepare(connection, transaction, """
            INSERT INTO advisories ("TrackingId", "Version", "Title", "Publisher", "CurrentReleaseDate", "IsCurrent", "Source", "SourceFile", "Sha256", "ImportedAt")
            VALUES (@trackingId, @version, @title, @publisher, @released, @current, @source, @file, @sha, @imported)
            """, ("trackingId", ""), ("version", ""), ("title", ""), ("publisher", ""), ("released", DateTimeOffset.UnixEpoch), ("current", false),
            ("source", Array.Empty<byte>()), ("file", ""), ("sha", ""), ("imported", DateTimeOffset.UnixEpoch));

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = SqlCommands.Create(connection, transaction, sql, parameters);
        command.Prepare();
        return command;
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

    /// <summary>
    /// Reading, hashing and checking are independent per file: chunks of files are read and checked on the thread pool,
    /// a few at a time from the moment the import starts, and handed back in file order, so that the decisions (which
    /// revision is current) and the inserts of one chunk run while the next chunks are being checked. A file whose SHA-256
    /// is already stored (once <see cref="Stored"/> is known) is not parsed. The writer waits for a chunk, not for each
    /// file (an ordered PLINQ pipeline spent more CPU spinning in its per-file hand-offs than the inserts cost; checking
    /// everything first left the inserts alone at the end). Up to <see cref="ReadAhead"/> chunks are read ahead of the writer: the files are read while the
    /// database is being opened and checked (about 40 ms), which with a read-ahead of one chunk per core left both cores
    /// idle after the first 48 files.
    /// </summary>
    private sealed class FileReads
    {
        private const int ChunkSize = 16;

        // 512 files: a few MB of compressed advisories held while the writer is not ready.
        private const int ReadAhead = 32;

        private readonly List<string> files;
        private readonly CancellationToken cancellationToken;
        private readonly Queue<(int From, Task<ReadFile[]> Read)> inFlight = new();
        private int next;

        public FileReads(List<string> files, CancellationToken cancellationToken)
        {
            (this.files, this.cancellationToken) = (files, cancellationToken);
            while (next < files.Count && inFlight.Count < ReadAhead)
            {
                Start();
            }
        }

        /// <summary>The SHA-256 of every stored revision, once read from the database.</summary>
        public volatile Dictionary<string, Existing>? Stored;

        /// <summary>The files in order, each waited for (on the writer's own thread: see WriteAsync).</summary>
        public IEnumerable<(string File, ReadFile Read)> InOrder()
        {
            while (inFlight.TryPeek(out var chunk))
            {
                var read = chunk.Read.GetAwaiter().GetResult();
                inFlight.Dequeue();
                if (next < files.Count)
                {
                    Start();
                }

                for (var i = 0; i < read.Length; i++)
                {
                    yield return (files[chunk.From + i], read[i]);
                }
            }
        }

        /// <summary>Waits for the chunks still being read (after a failure or cancellation: nothing is left running).</summary>
        public async Task DrainAsync()
        {
            while (inFlight.TryDequeue(out var chunk))
            {
                try
                {
                    await chunk.Read;
                }
                catch (OperationCanceledException)
                {
                    // stopped: what it read is not wanted
                }
            }
        }

        private void Start()
        {
            var from = next;
            var to = Math.Min(from + ChunkSize, files.Count);
            next = to;
            inFlight.Enqueue((from, Task.Run(() => ReadRange(from, to), cancellationToken)));
        }

        private ReadFile[] ReadRange(int from, int to)
        {
            var read = new ReadFile[to - from];
            for (var i = from; i < to; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                read[i - from] = ReadOne(files[i], Stored);
            }

            return read;
        }
    }

    private static ReadFile ReadOne(string path, Dictionary<string, Existing>? stored)
    {
        try
        {
            // One open, one read: the length comes from the open handle (no separate stat of a relative path).
            using var handle = File.OpenHandle(path);
            var length = RandomAccess.GetLength(handle);
            if (length > CsafReader.MaxBytes)
            {
                return Refused($"{length / (1024 * 1024)} MB is more than the {CsafReader.MaxBytes / (1024 * 1024)} MB a CSAF document may have", "json");
            }

            // The file's bytes are needed only until they are compressed: a pooled buffer, not 48 MB of new arrays.
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)length);
            try
            {
                var bytes = buffer.AsMemory(0, (int)length);
                for (var read = 0; read < bytes.Length;)
                {
                    var count = RandomAccess.Read(handle, bytes.Span[read..], read);
                    if (count == 0)
                    {
                        throw new IOException("the file became shorter while it was read");
                    }

                    read += count;
                }

                var sha = Sha256Hex.Of(bytes.Span);
                if (stored?.ContainsKey(sha) == true)
                {
                    return new([], sha, new(null, []));
                }

                var verdict = CsafReader.Read(bytes, headerOnly: true);
                return new(verdict.Valid ? AdvisorySource.Compress(bytes.Span) : [], sha, verdict);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (IOException e)
        {
            return Refused("cannot be read: " + e.Message, "file");
        }
        catch (UnauthorizedAccessException)
        {
            return Refused("cannot be read: permission denied", "file");
        }
    }

    private static ReadFile Refused(string message, string test) => new([], "", new(null, [new(test, "/", message)]));

    private static List<string> Expand(IReadOnlyList<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = new List<string>(Directory.EnumerateFiles(input, "*.json", SearchOption.AllDirectories));
                found.Sort(TextOrder.Ordinal);
                files.AddRange(found);
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

    /// <summary>One file read: its hash ("" when it could not be read), the verdict, and when valid its compressed bytes (<see cref="AdvisorySource"/>).</summary>
    private readonly record struct ReadFile(byte[] Source, string Sha256, CsafVerdict Verdict);

    private sealed record Existing(string TrackingId, string Version, string Sha256, bool IsCurrent, DateTimeOffset ReleaseDate);
}
