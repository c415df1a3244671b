using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Castellan.Core.Results;

/// <summary>
/// A file that supports one requirement result (scope "zone:ID", requirement "SR 1.1"): the bytes as uploaded, their
/// SHA-256, who uploaded them and when. Append-only; results refer to their evidence by (site, scope, requirement).
/// </summary>
public sealed class EvidenceRow
{
    public long Key { get; set; }

    public required string Site { get; set; }

    /// <summary>"zone:ID" or "conduit:ID", as in RequirementResult.Scope.</summary>
    public required string Scope { get; set; }

    public required string Requirement { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed class EvidenceRowConfiguration : IEntityTypeConfiguration<EvidenceRow>
{
    public void Configure(EntityTypeBuilder<EvidenceRow> builder)
    {
        builder.ToTable("evidence");
        builder.HasKey(e => e.Key);
        builder.Property(e => e.Site).HasMaxLength(128);
        builder.Property(e => e.Scope).HasMaxLength(160);
        builder.Property(e => e.Requirement).HasMaxLength(128);
        builder.Property(e => e.FileName).HasMaxLength(256);
        builder.Property(e => e.ContentType).HasMaxLength(128);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.UploadedBy).HasMaxLength(256);
        builder.HasIndex(e => new { e.Site, e.Scope, e.Requirement, e.Key });
    }
}
