using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Castellan.Core.Advisories;

/// <summary>One step of the patch-management history of an advisory on an asset; the latest step is the current state.</summary>
public sealed class PatchStateRow
{
    public long Key { get; set; }

    public required string TrackingId { get; set; }

    public required string AssetId { get; set; }

    /// <summary>open, evaluating, scheduled, patched, mitigated, risk-accepted.</summary>
    public required string State { get; set; }

    public DateTimeOffset At { get; set; }

    public DateOnly? Due { get; set; }

    public string? Countermeasure { get; set; }

    public string? Note { get; set; }

    public string? By { get; set; }
}

internal sealed class PatchStateRowConfiguration : IEntityTypeConfiguration<PatchStateRow>
{
    public void Configure(EntityTypeBuilder<PatchStateRow> builder)
    {
        builder.ToTable("patch_states");
        builder.HasKey(p => p.Key);
        builder.Property(p => p.TrackingId).HasMaxLength(128);
        builder.Property(p => p.AssetId).HasMaxLength(256);
        builder.Property(p => p.State).HasMaxLength(16);
        builder.HasIndex(p => new { p.TrackingId, p.AssetId, p.Key });
    }
}
