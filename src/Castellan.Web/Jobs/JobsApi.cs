using System.Security.Claims;
using Castellan.Core.Jobs;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Jobs;

/// <summary>
/// /api/v1/sites/{site}/jobs/{job} and /api/v1/jobs/{job} (organisation jobs): a long operation's state and progress,
/// its result once it has one, and cancelling it; /api/v1/sites/{site}/jobs and /api/v1/jobs list them, newest first.
/// Endpoints that start a job answer 202 Accepted with the job's address in Location; clients poll it until the state
/// is succeeded, failed or cancelled.
/// </summary>
public static class JobsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var site = api.MapGroup("/sites/{site}/jobs").WithTags("Jobs");
        site.MapGet("/", (string site, long? before, int? size, CastellanDbContext db, CancellationToken ct) => ListAsync(site, before, size, db, ct))
            .RequireAuthorization(Policies.SiteRead);
        site.MapGet("/{job:long}", (string site, long job, CastellanDbContext db, CancellationToken ct) => GetAsync(site, job, db, ct))
            .RequireAuthorization(Policies.SiteRead);
        site.MapGet("/{job:long}/result", (string site, long job, CastellanDbContext db, CancellationToken ct) => ResultAsync(site, job, db, ct))
            .RequireAuthorization(Policies.SiteRead);
        site.MapPost("/{job:long}/cancel", (string site, long job, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken ct) =>
            CancelAsync(site, job, user, db, clock, ct)).RequireAuthorization(Policies.SiteRead);

        var organisation = api.MapGroup("/jobs").WithTags("Jobs");
        organisation.MapGet("/", (long? before, int? size, CastellanDbContext db, CancellationToken ct) => ListAsync("", before, size, db, ct))
            .RequireAuthorization(Policies.OrganisationRead);
        organisation.MapGet("/{job:long}", (long job, CastellanDbContext db, CancellationToken ct) => GetAsync("", job, db, ct))
            .RequireAuthorization(Policies.OrganisationRead);
        organisation.MapGet("/{job:long}/result", (long job, CastellanDbContext db, CancellationToken ct) => ResultAsync("", job, db, ct))
            .RequireAuthorization(Policies.OrganisationRead);
        organisation.MapPost("/{job:long}/cancel", (long job, ClaimsPrincipal user, CastellanDbContext db, TimeProvider clock, CancellationToken ct) =>
            CancelAsync("", job, user, db, clock, ct)).RequireAuthorization(Policies.OrganisationRead);
    }

    /// <summary>
    /// A job as the API shows it. <see cref="Total"/> 0: the step's size is unknown. <see cref="Result"/> is the
    /// address of the result once there is one (a succeeded job's, or a refusal's details).
    /// </summary>
    public sealed record JobStatus(long Id, string Site, string Kind, string State, string? Step, long Done, long Total, string? Message, string? Input,
        bool CancelRequested, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string Location, string Page, string? Result)
    {
        public static JobStatus Of(string site, ListJobs.Entry j) => new(j.Id, site, j.Kind, j.State, j.Step, j.Done, j.Total, j.Message, j.InputName,
            j.CancelRequested, Utc(j.CreatedAt), Utc(j.StartedAt), Utc(j.FinishedAt), JobLinks.Api(site, j.Id), JobLinks.Page(site, j.Id),
            j.HasResult ? JobLinks.Result(site, j.Id) : null);

        public static JobStatus Of(ShowJob.Status j) => new(j.Id, j.Site, j.Kind, j.State, j.Step, j.Done, j.Total, j.Message, j.InputName, j.CancelRequested,
            Utc(j.CreatedAt), Utc(j.StartedAt), Utc(j.FinishedAt), JobLinks.Api(j.Site, j.Id), JobLinks.Page(j.Site, j.Id),
            j.HasResult ? JobLinks.Result(j.Site, j.Id) : null);
    }

    /// <summary>A page of jobs, newest first; <see cref="Next"/> is the address of the next (older) page, null on the last.</summary>
    public sealed record JobList(IReadOnlyList<JobStatus> Jobs, string? Next);

    /// <summary>What an endpoint that starts a job answers: 202, the job's address, and its state.</summary>
    public static async Task<Accepted<JobStatus>> AcceptedAsync(string site, long job, CastellanDbContext db, CancellationToken cancellationToken)
    {
        var status = JobStatus.Of(await new ShowJob(db).RunAsync(site, job, cancellationToken));
        return TypedResults.Accepted(status.Location, status);
    }

    public static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? Utc(value) : null;

    private static async Task<Ok<JobList>> ListAsync(string site, long? before, int? size, CastellanDbContext db, CancellationToken cancellationToken)
    {
        var page = await new ListJobs(db).RunAsync(site, before, size ?? 50, cancellationToken);
        var list = site.Length == 0 ? "/api/v1/jobs" : $"/api/v1/sites/{site}/jobs";
        return TypedResults.Ok(new JobList([.. page.Jobs.Select(j => JobStatus.Of(site, j))],
            page.NextBefore is { } next ? $"{list}?before={next}&size={page.Size}" : null));
    }

    private static async Task<Ok<JobStatus>> GetAsync(string site, long job, CastellanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(JobStatus.Of(await new ShowJob(db).RunAsync(site, job, cancellationToken)));

    /// <summary>The result: the file the job made (an attachment), else its JSON.</summary>
    private static async Task<Results<FileContentHttpResult, ContentHttpResult, ProblemHttpResult>> ResultAsync(string site, long job, CastellanDbContext db,
        CancellationToken cancellationToken)
    {
        var show = new ShowJob(db);
        var status = await show.RunAsync(site, job, cancellationToken);
        if (!status.HasResult)
        {
            return status.IsFinished
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No result",
                    detail: $"job {job} {status.State} without a result{(status.Message is null ? "" : ": " + status.Message)}")
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not finished",
                    detail: $"job {job} is {status.State}; its result is here once it has succeeded. Poll {JobLinks.Api(site, job)}.");
        }

        var result = await show.ResultAsync(site, job, cancellationToken: cancellationToken);
        return result.Content is { } content
            ? TypedResults.File(content, result.ContentType ?? "application/octet-stream", result.FileName)
            : TypedResults.Content(result.Json, "application/json; charset=utf-8");
    }

    private static async Task<Results<Ok<JobStatus>, ProblemHttpResult>> CancelAsync(string site, long job, ClaimsPrincipal user, CastellanDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(WebClaims.TokenScope) == "read")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: "A read-only token cannot cancel jobs.");
        }

        var outcome = await new CancelJob(db, clock).RunAsync(site, job, StartJob.UserId(user), WebClaims.Actor(user), cancellationToken);
        var status = JobStatus.Of(await new ShowJob(db).RunAsync(site, job, cancellationToken));
        return outcome switch
        {
            CancelJob.Outcome.NotStarter => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: $"job {job} was started by someone else; only the user who started a job can cancel it."),
            CancelJob.Outcome.AlreadyFinished => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already finished",
                detail: $"job {job} has already {status.State}; there is nothing to cancel."),
            _ => TypedResults.Ok(status),
        };
    }
}
