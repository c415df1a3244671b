using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Castellan.Core.Jobs;

/// <summary>
/// One long operation (an import, a report) run outside the request that asked for it. The row is the only state: any
/// server instance on the database shows it, exactly one instance claims it (a conditional UPDATE from queued to
/// running), the running instance writes progress and a heartbeat into it, and the result stays in it until the job
/// is deleted with the other old finished jobs. Times are UTC <see cref="DateTime"/>s, which both providers compare in SQL.
/// </summary>
public sealed class JobRow
{
    public long Id { get; set; }

    /// <summary>The site the job works on; "" for organisation-wide jobs (the SoA, gap reports).</summary>
    public required string Site { get; set; }

    /// <summary>What to run, e.g. "inventory.preview", "soa.import", "gap.report".</summary>
    public required string Kind { get; set; }

    /// <summary>Who started it, as the audit trail names them ("user:alice", "token:alice/ci"): the job's records carry this actor.</summary>
    public required string Actor { get; set; }

    /// <summary>The account that started it: only it may cancel the job.</summary>
    public required string UserId { get; set; }

    /// <summary>One of <see cref="JobState"/>.</summary>
    public required string State { get; set; }

    /// <summary>What the job is doing now ("checking rows"), and how many of how many items of that step are done (total 0: unknown).</summary>
    public string? Step { get; set; }

    public long Done { get; set; }

    public long Total { get; set; }

    /// <summary>For users: why the job failed, or a note on its outcome. Never a stack trace.</summary>
    public string? Message { get; set; }

    /// <summary>A reference to input kept elsewhere, e.g. the key of a staged inventory.</summary>
    public string? InputKey { get; set; }

    /// <summary>The job's parameters as JSON.</summary>
    public string? InputJson { get; set; }

    /// <summary>The uploaded file the job reads (cleared when the job has finished).</summary>
    public string? InputName { get; set; }

    public byte[]? InputContent { get; set; }

    /// <summary>The outcome as JSON (a preview, an import's rows), also for some failures (the refused rows).</summary>
    public string? ResultJson { get; set; }

    /// <summary>A file the job made (a report download).</summary>
    public string? ResultName { get; set; }

    public string? ResultType { get; set; }

    public byte[]? ResultContent { get; set; }

    /// <summary>Set by a cancel while the job runs; the running instance stops the job at its next progress write.</summary>
    public bool CancelRequested { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The server instance that claimed the job, and when it last said it is still running it.</summary>
    public string? Owner { get; set; }

    public DateTime? HeartbeatAt { get; set; }
}

/// <summary>The states of a job: queued → running → succeeded | failed | cancelled (queued → cancelled too).</summary>
public static class JobState
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string state) => state is Succeeded or Failed or Cancelled;
}

internal sealed class JobRowConfiguration : IEntityTypeConfiguration<JobRow>
{
    public void Configure(EntityTypeBuilder<JobRow> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Site).HasMaxLength(128);
        builder.Property(j => j.Kind).HasMaxLength(64);
        builder.Property(j => j.Actor).HasMaxLength(256);
        builder.Property(j => j.UserId).HasMaxLength(64);
        builder.Property(j => j.State).HasMaxLength(16);
        builder.Property(j => j.Step).HasMaxLength(128);
        builder.Property(j => j.InputKey).HasMaxLength(128);
        builder.Property(j => j.InputName).HasMaxLength(256);
        builder.Property(j => j.ResultName).HasMaxLength(256);
        builder.Property(j => j.ResultType).HasMaxLength(128);
        builder.Property(j => j.Owner).HasMaxLength(128);
        builder.HasIndex(j => new { j.State, j.Id }); // the queue: the oldest queued job; running jobs whose heartbeat is stale
        builder.HasIndex(j => new { j.Site, j.Id });
    }
}
