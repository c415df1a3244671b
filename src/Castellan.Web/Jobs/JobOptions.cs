namespace Castellan.Web.Jobs;

/// <summary>How this server instance runs jobs (see <see cref="JobWorker"/>).</summary>
public sealed record JobOptions
{
    /// <summary>Jobs this instance runs at once; more wait in the queue (or run on another instance).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How often the worker looks for queued jobs when nobody woke it (a job queued by another instance).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Progress is written to the job's row at most this often.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A running job's heartbeat is written at least this often, even without progress.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A running job whose heartbeat is older than this is failed (its instance is gone). Well above the heartbeat
    /// interval plus the longest write transaction a job holds (SQLite makes other writers, heartbeats too, wait for it).
    /// </summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Finished jobs and their results are deleted after this long.</summary>
    public TimeSpan KeepFinished { get; init; } = TimeSpan.FromDays(7);

    /// <summary>An inventory file previewed but never confirmed (its stage) is deleted after this long.</summary>
    public TimeSpan KeepStaged { get; init; } = TimeSpan.FromDays(1);

    /// <summary>This instance's name in the jobs it claims: host, process and a random part (two hosts in one process differ).</summary>
    public string Instance { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
