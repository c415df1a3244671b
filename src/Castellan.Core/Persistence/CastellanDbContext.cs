using Castellan.Core.Accounts;
using Castellan.Core.Audit;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Persistence;

/// <summary>
/// One model for SQLite and PostgreSQL; migrations live in Castellan.Migrations.Sqlite / .Postgres. Accounts (ASP.NET
/// Core Identity users), the audit trail and the web host's data-protection keys live here too, so a change and its
/// audit record share one transaction and several server instances share one key ring.
/// </summary>
public sealed class CastellanDbContext(DbContextOptions<CastellanDbContext> options) : IdentityUserContext<UserRow>(options), IDataProtectionKeyContext
{
    public DbSet<CatalogRow> Catalogs => Set<CatalogRow>();

    public DbSet<RequirementRow> Requirements => Set<RequirementRow>();

    public DbSet<MappingSetRow> MappingSets => Set<MappingSetRow>();

    public DbSet<MappingRow> Mappings => Set<MappingRow>();

    public DbSet<OtSpecificRow> OtSpecific => Set<OtSpecificRow>();

    public DbSet<SettingRow> Settings => Set<SettingRow>();

    public DbSet<WorkspaceObjectRow> WorkspaceObjects => Set<WorkspaceObjectRow>();

    public DbSet<AdvisoryRow> Advisories => Set<AdvisoryRow>();

    public DbSet<AdvisoryMatchDecisionRow> AdvisoryMatchDecisions => Set<AdvisoryMatchDecisionRow>();

    public DbSet<global::Castellan.Core.Advisories.PatchStateRow> PatchStates => Set<global::Castellan.Core.Advisories.PatchStateRow>();

    public DbSet<SiteRoleRow> SiteRoles => Set<SiteRoleRow>();

    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    public DbSet<AuditRecordRow> AuditRecords => Set<AuditRecordRow>();

    public DbSet<AuditHeadRow> AuditHead => Set<AuditHeadRow>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<global::Castellan.Core.Results.EvidenceRow> Evidence => Set<global::Castellan.Core.Results.EvidenceRow>();

    public DbSet<global::Castellan.Core.Jobs.JobRow> Jobs => Set<global::Castellan.Core.Jobs.JobRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var modelBuilder = builder;
        base.OnModelCreating(modelBuilder);
        AccountsModel.Configure(modelBuilder);
        modelBuilder.Entity<CatalogRow>(e =>
        {
            e.ToTable("catalogs");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(64);
            e.Property(c => c.Grading).HasMaxLength(32);
            e.Property(c => c.Origin).HasMaxLength(16);
            e.HasMany(c => c.Requirements).WithOne().HasForeignKey(r => r.CatalogId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RequirementRow>(e =>
        {
            e.ToTable("requirements");
            e.HasKey(r => new { r.CatalogId, r.Id });
            e.Property(r => r.Id).HasMaxLength(128);
            e.Property(r => r.ParentId).HasMaxLength(128);
            e.Property(r => r.Kind).HasMaxLength(32);
            e.Property(r => r.Status).HasMaxLength(16);
            e.Property(r => r.ComponentType).HasMaxLength(8);
            e.HasIndex(r => new { r.CatalogId, r.Position }).IsUnique();
        });

        modelBuilder.Entity<MappingSetRow>(e =>
        {
            e.ToTable("mapping_sets");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasMaxLength(128);
            e.Property(m => m.Origin).HasMaxLength(16);
            e.HasMany(m => m.Mappings).WithOne().HasForeignKey(m => m.MappingSetId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.OtSpecific).WithOne().HasForeignKey(o => o.MappingSetId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OtSpecificRow>(e =>
        {
            e.ToTable("ot_specific");
            e.HasKey(o => new { o.MappingSetId, o.TargetId });
            e.Property(o => o.TargetId).HasMaxLength(128);
            e.Property(o => o.Status).HasMaxLength(16);
        });

        modelBuilder.Entity<MappingRow>(e =>
        {
            e.ToTable("mappings");
            e.HasKey(m => new { m.MappingSetId, m.Position });
            e.Property(m => m.SourceId).HasMaxLength(128);
            e.Property(m => m.TargetId).HasMaxLength(128);
            e.Property(m => m.Relationship).HasMaxLength(32);
            e.Property(m => m.Status).HasMaxLength(16);
            e.HasIndex(m => m.SourceId);
            e.HasIndex(m => m.TargetId);
        });

        modelBuilder.Entity<WorkspaceObjectRow>(e =>
        {
            e.ToTable("workspace_objects");
            e.HasKey(o => new { o.Site, o.Kind, o.Id });
            e.Property(o => o.Site).HasMaxLength(128);
            e.Property(o => o.Kind).HasMaxLength(32);
            e.Property(o => o.Id).HasMaxLength(256);
            e.Property(o => o.Zone).HasMaxLength(128);
            e.Property(o => o.Version).IsConcurrencyToken();
            e.HasIndex(o => new { o.Site, o.Kind, o.Position });
            e.HasIndex(o => new { o.Kind, o.Site }); // the list of sites, without a scan of every object
            // Id last: lists sorted by zone or name page on these indexes alone (covering, no sort; ListAssets).
            e.HasIndex(o => new { o.Site, o.Kind, o.Zone, o.Id });
            e.HasIndex(o => new { o.Site, o.Kind, o.Name, o.Id });
        });

        modelBuilder.Entity<AdvisoryRow>(e =>
        {
            e.ToTable("advisories");
            e.HasKey(a => a.Key);
            e.Property(a => a.TrackingId).HasMaxLength(128);
            e.Property(a => a.Version).HasMaxLength(64);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.HasIndex(a => new { a.TrackingId, a.Version }).IsUnique();
            e.HasIndex(a => new { a.TrackingId, a.IsCurrent });
        });

        modelBuilder.Entity<AdvisoryMatchDecisionRow>(e =>
        {
            e.ToTable("advisory_match_decisions");
            e.HasKey(d => new { d.TrackingId, d.ProductId, d.AssetId });
            e.Property(d => d.TrackingId).HasMaxLength(128);
            e.Property(d => d.ProductId).HasMaxLength(256);
            e.Property(d => d.AssetId).HasMaxLength(256);
            e.Property(d => d.Decision).HasMaxLength(16);
        });

        modelBuilder.ApplyConfiguration(new global::Castellan.Core.Advisories.PatchStateRowConfiguration());
        modelBuilder.ApplyConfiguration(new global::Castellan.Core.Results.EvidenceRowConfiguration());
        modelBuilder.ApplyConfiguration(new global::Castellan.Core.Jobs.JobRowConfiguration());

        modelBuilder.Entity<SettingRow>(e =>
        {
            e.ToTable("settings");
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(64);
        });
    }
}
