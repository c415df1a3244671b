namespace Castellan.Domain.Accounts;

/// <summary>
/// The roles a person holds, each granted per site (or for the whole organisation). IEC 62443-2-1 asks for roles with
/// least privilege; these follow who does what in one ISMS/CSMS over IT and OT.
/// </summary>
public enum SiteRole
{
    /// <summary>Manages accounts, roles and settings; may do everything on the sites it is granted.</summary>
    Administrator,

    /// <summary>The ISMS/CSMS owner: SoA, risk register and its approval, targets.</summary>
    SecurityManager,

    /// <summary>Assesses: requirement results, evidence, gap analyses, findings.</summary>
    Assessor,

    /// <summary>Keeps the OT model: zones, conduits, assets, inventory imports.</summary>
    OtEngineer,

    /// <summary>Reads everything of the site, including the audit trail; changes nothing.</summary>
    Auditor,
}

/// <summary>What a request wants to do. Every endpoint and page declares exactly one.</summary>
public enum Access
{
    /// <summary>Read the site's model, results, reports.</summary>
    Read,

    /// <summary>Change zones, conduits, assets, inventory.</summary>
    EditOtModel,

    /// <summary>Record requirement results and evidence, run analyses that are stored.</summary>
    Assess,

    /// <summary>Change the SoA and the risk register; approve risk assessments.</summary>
    ManageSecurity,

    /// <summary>Read and export the audit trail.</summary>
    ReadAudit,

    /// <summary>Accounts, roles, API tokens of others, settings.</summary>
    Administer,
}

public static class SiteRoles
{
    /// <summary>The site id under which a grant covers every site and the organisation-wide objects (SoA, suppliers).</summary>
    public const string AllSites = "*";

    public static string ToWire(this SiteRole role) => role switch
    {
        SiteRole.Administrator => "admin",
        SiteRole.SecurityManager => "security-manager",
        SiteRole.Assessor => "assessor",
        SiteRole.OtEngineer => "ot-engineer",
        SiteRole.Auditor => "auditor",
    };

    public static string ToWire(this Access access) => access switch
    {
        Access.Read => "read",
        Access.EditOtModel => "edit-ot-model",
        Access.Assess => "assess",
        Access.ManageSecurity => "manage-security",
        Access.ReadAudit => "read-audit",
        Access.Administer => "administer",
    };

    public static bool TryParse(string? text, out SiteRole role) => WireNames.TryParse(text, ToWire, out role);

    /// <summary>The role × access matrix. Read is granted to every role; the auditor only reads.</summary>
    public static bool Grants(this SiteRole role, Access access) => access switch
    {
        Access.Read => true,
        Access.EditOtModel => role is SiteRole.Administrator or SiteRole.SecurityManager or SiteRole.OtEngineer,
        Access.Assess => role is SiteRole.Administrator or SiteRole.SecurityManager or SiteRole.Assessor,
        Access.ManageSecurity => role is SiteRole.Administrator or SiteRole.SecurityManager,
        Access.ReadAudit => role is SiteRole.Administrator or SiteRole.Auditor or SiteRole.SecurityManager,
        Access.Administer => role is SiteRole.Administrator,
    };

    /// <summary>
    /// Whether grants (site, role) allow a access on a site. <paramref name="site"/> null means an
    /// organisation-wide object: only grants for <see cref="AllSites"/> count there.
    /// </summary>
    public static bool Allows(IEnumerable<(string Site, SiteRole Role)> grants, string? site, Access access) =>
        grants.Any(g => (g.Site == AllSites || (site is not null && g.Site == site)) && g.Role.Grants(access));
}
