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
        ["PAGE /catalogs"] = "signed-in",
        ["PAGE /catalogs/{catalog}"] = "signed-in",
        ["PAGE /catalogs/{catalog}/{requirement}"] = "signed-in",
        ["PAGE /mappings"] = "signed-in",
        ["GET /api/v1/catalogs"] = "signed-in",
        ["GET /api/v1/catalogs/{catalog}/requirements"] = "signed-in",
        ["GET /api/v1/catalogs/{catalog}/requirements/{requirement}"] = "signed-in",
        ["GET /api/v1/mappings"] = "signed-in",
        ["PAGE /sites/{site}/risk"] = "site:read",
        ["PAGE /sites/{site}/risk/assessments/{assessment}"] = "site:manage-security",
        ["PAGE /sites/{site}/risk/scenarios/{scenario}"] = "site:manage-security",
        ["PAGE /risk/matrix"] = "org:read",
        ["PAGE /risk/matrix/edit"] = "org:manage-security",
        ["GET /api/v1/sites/{site}/risk"] = "site:read",
        ["GET /api/v1/sites/{site}/risk/heatmap.svg"] = "site:read",
        ["PUT /api/v1/sites/{site}/risk/scenarios/{scenario}/treatment"] = "site:manage-security",
        ["POST /api/v1/sites/{site}/risk/assessments/{assessment}/steps"] = "site:manage-security",
        ["POST /api/v1/sites/{site}/risk/assessments/{assessment}/approve"] = "site:manage-security",
        ["GET /api/v1/risk/matrix"] = "org:read",
        ["PUT /api/v1/risk/matrix"] = "org:manage-security",
    };
}
