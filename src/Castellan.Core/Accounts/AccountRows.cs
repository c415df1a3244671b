using Microsoft.AspNetCore.Identity;

namespace Castellan.Core.Accounts;

/// <summary>A person who signs in (ASP.NET Core Identity user). Roles are granted per site in <see cref="SiteRoleRow"/>.</summary>
public sealed class UserRow : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One grant: this user holds this role on this site ("*" = every site and the organisation-wide objects).</summary>
public sealed class SiteRoleRow
{
    public required string UserId { get; set; }

    public required string Site { get; set; }

    /// <summary>The role's wire name (admin, security-manager, assessor, ot-engineer, auditor).</summary>
    public required string Role { get; set; }
}

/// <summary>
/// A personal API token: the secret is shown once and only its SHA-256 is stored. A token acts as its user, narrowed to
/// its scope (read, or read-write) and until it expires.
/// </summary>
public sealed class ApiTokenRow
{
    public long Key { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown in lists so a person can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }

    /// <summary>"read" or "write".</summary>
    public required string Scope { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
