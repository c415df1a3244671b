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
        ["PAGE /sites/{site}/assets"] = "site:read",
        ["PAGE /sites/{site}/assets/{asset}"] = "site:read",
        ["PAGE /sites/{site}/assets/import"] = "site:edit-ot-model",
        ["GET /api/v1/sites/{site}/assets/"] = "site:read",
        ["GET /api/v1/sites/{site}/assets/{asset}"] = "site:read",
        ["POST /api/v1/sites/{site}/assets/import"] = "site:edit-ot-model",
        ["PAGE /sites/{site}/zones/{zone}/results"] = "site:read",
        ["PAGE /sites/{site}/zones/{zone}/results/{requirement}"] = "site:read",
        ["GET /api/v1/sites/{site}/zones/{zone}/results/"] = "site:read",
        ["GET /api/v1/sites/{site}/zones/{zone}/results/{requirement}"] = "site:read",
        ["PUT /api/v1/sites/{site}/zones/{zone}/results/{requirement}"] = "site:assess",
        ["GET /api/v1/sites/{site}/zones/{zone}/results/{requirement}/evidence"] = "site:read",
        ["POST /api/v1/sites/{site}/zones/{zone}/results/{requirement}/evidence"] = "site:assess",
        ["GET /api/v1/sites/{site}/zones/{zone}/results/{requirement}/evidence/{key:long}"] = "site:read",
    };
}
