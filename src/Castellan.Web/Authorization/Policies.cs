using Castellan.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Castellan.Web.Authorization;

/// <summary>
/// Every endpoint and page names one of these policies (a test fails when one does not). Site policies read the
/// site from the route value <c>{site}</c>; organisation policies cover objects that belong to no site (the SoA,
/// suppliers) and need a grant for every site ("*"), except reading, which any grant allows.
/// </summary>
public static class Policies
{
    /// <summary>Signed in, whatever the grants: shared reference data (catalogs, mappings), one's own account.</summary>
    public const string SignedIn = "signed-in";

    public static string Site(Access access) => "site:" + access.ToWire();

    public static string Organisation(Access access) => "org:" + access.ToWire();

    public const string SiteRead = "site:read";
    public const string SiteEditOtModel = "site:edit-ot-model";
    public const string SiteAssess = "site:assess";
    public const string SiteManageSecurity = "site:manage-security";
    public const string SiteReadAudit = "site:read-audit";
    public const string OrganisationRead = "org:read";
    public const string OrganisationManageSecurity = "org:manage-security";
    public const string OrganisationReadAudit = "org:read-audit";
    public const string Administer = "org:administer";

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        foreach (var access in Enum.GetValues<Access>())
        {
            options.AddPolicy(Site(access), p => p.RequireAuthenticatedUser().AddRequirements(new SiteAccessRequirement(access, SiteScope.RouteSite)));
            options.AddPolicy(Organisation(access), p => p.RequireAuthenticatedUser().AddRequirements(new SiteAccessRequirement(access, SiteScope.Organisation)));
        }

        // Anything that forgot to name a policy still needs a signed-in user (and the endpoint test fails).
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }
}

public enum SiteScope
{
    /// <summary>The site named by the route value {site}.</summary>
    RouteSite,

    /// <summary>Organisation-wide objects.</summary>
    Organisation,
}

public sealed record SiteAccessRequirement(Access Access, SiteScope Scope) : IAuthorizationRequirement;
