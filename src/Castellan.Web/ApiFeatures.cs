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
        Soa.SoaApi.Map,
        GapAnalysis.GapApi.Map,
        Zones.ZonesApi.Map,
        Conduits.ConduitsApi.Map,
        Findings.FindingsApi.Map,
        Catalogs.CatalogsApi.Map,
        Risk.RiskApi.Map,
        Administration.UsersApi.Map,
        Assets.AssetsApi.Map,
        Results.ResultsApi.Map,
        Jobs.JobsApi.Map,
    ];
}
