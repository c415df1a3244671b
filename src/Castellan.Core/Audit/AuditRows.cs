namespace Castellan.Core.Audit;

/// <summary>
/// One audit record. Append-only: records are never updated or deleted; each carries the hash of the one before it,
/// so changing or removing any record breaks the chain from there on (<see cref="VerifyAuditChain"/>).
/// </summary>
public sealed class AuditRecordRow
{
    /// <summary>1, 2, 3, … without gaps: assigned under the chain head's lock, in the transaction of the change.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who: "user:alice", "token:alice/ci", "cli:root", "system".</summary>
    public required string Actor { get; set; }

    /// <summary>The site the object belongs to; "" for organisation-wide objects.</summary>
    public required string Site { get; set; }

    /// <summary>What was done, e.g. "zone.update", "soa.import", "user.add".</summary>
    public required string Action { get; set; }

    /// <summary>The object acted on, e.g. "zone/z-control".</summary>
    public required string Target { get; set; }

    /// <summary>The object before the change (JSON), null when it did not exist.</summary>
    public string? Before { get; set; }

    /// <summary>The object after the change (JSON), null when it was removed.</summary>
    public string? After { get; set; }

    /// <summary>"ok", "refused", "conflict".</summary>
    public required string Outcome { get; set; }

    /// <summary>Hex SHA-256 of the previous record ("" before the first).</summary>
    public required string PreviousHash { get; set; }

    /// <summary>Hex SHA-256 over this record's fields and <see cref="PreviousHash"/>.</summary>
    public required string Hash { get; set; }
}

/// <summary>The single row that serialises appends: every append updates it first, which locks it until commit.</summary>
public sealed class AuditHeadRow
{
    public int Id { get; set; }

    public long Sequence { get; set; }

    public required string Hash { get; set; }
}
