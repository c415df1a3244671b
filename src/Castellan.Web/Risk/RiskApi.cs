using Castellan.Core.Persistence;
using Castellan.Core.Risk;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;

namespace Castellan.Web.Risk;

/// <summary>
/// /api/v1 risk: a site's register (scenarios, assessments with their ZCR steps, SL-T per zone), its heat map, treatment
/// edits, the ZCR workflow and approval; the organisation's matrix. Every edit carries the register version it read.
/// </summary>
public static class RiskApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var risk = api.MapGroup("").WithTags("Risk");
        risk.MapGet("/sites/{site}/risk", ShowAsync).RequireAuthorization(Policies.SiteRead);
        risk.MapGet("/sites/{site}/risk/heatmap.svg", HeatmapAsync).RequireAuthorization(Policies.SiteRead);
        risk.MapPut("/sites/{site}/risk/scenarios/{scenario}/treatment", EditTreatmentAsync).RequireAuthorization(Policies.SiteManageSecurity);
        risk.MapPost("/sites/{site}/risk/assessments/{assessment}/steps", RecordStepAsync).RequireAuthorization(Policies.SiteManageSecurity);
        risk.MapPost("/sites/{site}/risk/assessments/{assessment}/approve", ApproveAsync).RequireAuthorization(Policies.SiteManageSecurity);
        risk.MapGet("/risk/matrix", MatrixAsync).RequireAuthorization(Policies.OrganisationRead);
        risk.MapPut("/risk/matrix", EditMatrixAsync).RequireAuthorization(Policies.OrganisationManageSecurity);
    }

    public sealed record Saved(long Version);

    public sealed record Matrix(long Version, ShowSiteRisk.MatrixView Value);

    public sealed record TreatmentEdit(long? Version, string? Decision, IReadOnlyList<string>? Controls, string? Owner, DateOnly? Due, string? ResidualLikelihood, string? ResidualImpact);

    public sealed record StepEdit(long? Version, int? Zcr, string? Note);

    public sealed record Approval(long? Version, string? Note);

    public sealed record MatrixEdit(long? Version, IReadOnlyList<string>? Likelihood, IReadOnlyList<string>? Impact, IReadOnlyList<string>? Bands,
        IReadOnlyList<IReadOnlyList<string>>? Cells, string? Tolerable, IReadOnlyList<string>? Categories);

    private static async Task<Ok<ShowSiteRisk.SiteRisk>> ShowAsync(string site, CastellanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new ShowSiteRisk(db).RunAsync(site, cancellationToken));

    private static async Task<ContentHttpResult> HeatmapAsync(string site, CastellanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Content(await new ShowSiteRisk(db).HeatmapAsync(site, cancellationToken), "image/svg+xml; charset=utf-8");

    private static async Task<Ok<Saved>> EditTreatmentAsync(string site, string scenario, TreatmentEdit body, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Saved(await new EditRiskTreatment(db, clock).RunAsync(WebClaims.Actor(user), site, scenario,
            new EditRiskTreatment.Input(body.Decision, body.Controls, body.Owner, body.Due, body.ResidualLikelihood, body.ResidualImpact), VersionOf(body.Version), cancellationToken)));

    private static async Task<Ok<Saved>> RecordStepAsync(string site, string assessment, StepEdit body, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Saved(await new RecordRiskStep(db, clock).RunAsync(WebClaims.Actor(user), site, assessment,
            body.Zcr ?? throw new Core.Common.InputException("zcr: required (1–6)"), body.Note, VersionOf(body.Version), cancellationToken)));

    private static async Task<Ok<Saved>> ApproveAsync(string site, string assessment, Approval body, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Saved(await new ApproveRiskAssessment(db, clock).RunAsync(WebClaims.Actor(user), site, assessment, body.Note, VersionOf(body.Version), cancellationToken)));

    private static async Task<Ok<Matrix>> MatrixAsync(CastellanDbContext db, CancellationToken cancellationToken)
    {
        var (matrix, version) = await new ShowSiteRisk(db).MatrixAsync(cancellationToken);
        return TypedResults.Ok(new Matrix(version, matrix));
    }

    private static async Task<Ok<Saved>> EditMatrixAsync(MatrixEdit body, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Saved(await new EditRiskMatrix(db, clock).RunAsync(WebClaims.Actor(user),
            new EditRiskMatrix.Input(body.Likelihood, body.Impact, body.Bands, body.Cells, body.Tolerable, body.Categories), VersionOf(body.Version), cancellationToken)));

    private static long VersionOf(long? version) =>
        version ?? throw new Core.Common.InputException("version: required (the register version you read, from GET)");
}
