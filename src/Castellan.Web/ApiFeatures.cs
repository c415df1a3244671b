using Microsoft.AspNetCore.Routing;

namespace Castellan.Web;

/// <summary>Every feature's API, mapped under /api/v1. A feature adds its one Map method here.</summary>
internal static class ApiFeatures
{
    public static readonly Action<RouteGroupBuilder>[] All =
    [
        Sites.SitesApi.Map,
        Audit.AuditApi.Map,
        Accounts.AccountsApi.Map,
        Assets.AssetsApi.Map,
        Results.ResultsApi.Map,
    ];
}
