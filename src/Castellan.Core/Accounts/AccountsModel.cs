using Castellan.Core.Audit;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Accounts;

/// <summary>Tables of accounts, roles, tokens, the audit trail and data-protection keys.</summary>
internal static class AccountsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserRow>(e => e.ToTable("users"));
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>(e => e.ToTable("user_claims"));
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>(e => e.ToTable("user_logins"));
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>(e => e.ToTable("user_tokens"));

        modelBuilder.Entity<SiteRoleRow>(e =>
        {
            e.ToTable("site_roles");
            e.HasKey(r => new { r.UserId, r.Site, r.Role });
            e.Property(r => r.Site).HasMaxLength(128);
            e.Property(r => r.Role).HasMaxLength(32);
            e.HasOne<UserRow>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiTokenRow>(e =>
        {
            e.ToTable("api_tokens");
            e.HasKey(t => t.Key);
            e.Property(t => t.Name).HasMaxLength(128);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Scope).HasMaxLength(16);
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => new { t.UserId, t.Name }).IsUnique();
            e.HasOne<UserRow>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuditRecordRow>(e =>
        {
            e.ToTable("audit_records");
            e.HasKey(r => r.Sequence);
            e.Property(r => r.Sequence).ValueGeneratedNever();
            e.Property(r => r.Actor).HasMaxLength(256);
            e.Property(r => r.Site).HasMaxLength(128);
            e.Property(r => r.Action).HasMaxLength(64);
            e.Property(r => r.Target).HasMaxLength(512);
            e.Property(r => r.Outcome).HasMaxLength(16);
            e.Property(r => r.PreviousHash).HasMaxLength(64);
            e.Property(r => r.Hash).HasMaxLength(64);
            e.HasIndex(r => new { r.Site, r.Sequence });
        });

        modelBuilder.Entity<AuditHeadRow>(e =>
        {
            e.ToTable("audit_head");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.Hash).HasMaxLength(64);
            e.HasData(new AuditHeadRow { Id = AuditTrail.HeadId, Sequence = 0, Hash = "" });
        });

        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
    }
}
