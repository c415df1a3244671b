namespace Castellan.Web.Tests;

/// <summary>
/// The one place that says which policy guards which endpoint. A new endpoint without a row here fails
/// <see cref="EndpointPolicyTests"/>; so does a row whose policy differs from the endpoint's. Keys are
/// "METHOD /pattern" for the API and "PAGE /route" for Razor Pages.
/// </summary>
public static class AuthorizationMatrix
{
    public const string Anonymous = "(anonymous)";

    public static readonly IReadOnlyDictionary<string, string> Expected = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GET /healthz"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["PAGE /account/login"] = Anonymous,
        ["PAGE /account/logout"] = Anonymous,
        ["PAGE /account/setup"] = Anonymous,
        ["PAGE /account/denied"] = "signed-in",
        ["PAGE /"] = "signed-in",
        ["PAGE /sites/{site}"] = "site:read",
        ["PAGE /audit"] = "org:read-audit",
        ["GET /api/v1/sites/"] = "signed-in",
        ["GET /api/v1/sites/{site}"] = "site:read",
        ["GET /api/v1/audit"] = "org:read-audit",
        ["GET /api/v1/audit/verify"] = "org:read-audit",
        ["GET /api/v1/sites/{site}/audit"] = "site:read-audit",
        ["GET /api/v1/me"] = "signed-in",
        ["GET /api/v1/tokens"] = "signed-in",
        ["POST /api/v1/tokens"] = "signed-in",
        ["DELETE /api/v1/tokens/{key:long}"] = "signed-in",
        ["PAGE /soa"] = "org:read",
        ["PAGE /soa/edit"] = "org:manage-security",
        ["PAGE /soa/import"] = "org:manage-security",
        ["PAGE /gap"] = "org:read",
        ["GET /api/v1/soa"] = "org:read",
        ["GET /api/v1/soa/export"] = "org:read",
        ["GET /api/v1/soa/{control}"] = "org:read",
        ["PUT /api/v1/soa/{control}"] = "org:manage-security",
        ["POST /api/v1/soa/import"] = "org:manage-security",
        ["GET /api/v1/gap"] = "org:read",
        ["GET /api/v1/gap/targets"] = "org:read",
        ["PAGE /sites/{site}/zones"] = "site:read",
        ["PAGE /sites/{site}/zones/{zone}"] = "site:read",
        ["PAGE /sites/{site}/zones/new"] = "site:edit-ot-model",
        ["PAGE /sites/{site}/zones/{zone}/edit"] = "site:edit-ot-model",
        ["PAGE /sites/{site}/conduits"] = "site:read",
        ["PAGE /sites/{site}/conduits/{conduit}"] = "site:read",
        ["PAGE /sites/{site}/conduits/new"] = "site:edit-ot-model",
        ["PAGE /sites/{site}/conduits/{conduit}/edit"] = "site:edit-ot-model",
        ["PAGE /sites/{site}/diagram"] = "site:read",
        ["PAGE /sites/{site}/findings"] = "site:read",
        ["GET /api/v1/sites/{site}/zones"] = "site:read",
        ["POST /api/v1/sites/{site}/zones"] = "site:edit-ot-model",
        ["GET /api/v1/sites/{site}/zones/{zone}"] = "site:read",
        ["PUT /api/v1/sites/{site}/zones/{zone}"] = "site:edit-ot-model",
        ["DELETE /api/v1/sites/{site}/zones/{zone}"] = "site:edit-ot-model",
        ["GET /api/v1/sites/{site}/zones/{zone}/sl-chart.svg"] = "site:read",
        ["GET /api/v1/sites/{site}/diagram.svg"] = "site:read",
        ["GET /api/v1/sites/{site}/conduits/"] = "site:read",
        ["POST /api/v1/sites/{site}/conduits/"] = "site:edit-ot-model",
        ["GET /api/v1/sites/{site}/conduits/{conduit}"] = "site:read",
        ["PUT /api/v1/sites/{site}/conduits/{conduit}"] = "site:edit-ot-model",
        ["DELETE /api/v1/sites/{site}/conduits/{conduit}"] = "site:edit-ot-model",
        ["GET /api/v1/sites/{site}/findings"] = "site:read",
    };
}
