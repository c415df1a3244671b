using Castellan.Core.Audit;
using Castellan.Core.Persistence;
using Castellan.Web.Authorization;
using Castellan.Domain.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Audit;

/// <summary>/api/v1/audit: the trail, paged at the database (newest first), per site or organisation-wide, and its verification.</summary>
public static class AuditApi
{
    public const int MaxPageSize = 500;

    public static void Map(RouteGroupBuilder api)
    {
        var audit = api.MapGroup("").WithTags("Audit");
        audit.MapGet("/audit", ListAllAsync).RequireAuthorization(Policies.Organisation(Access.ReadAudit));
        audit.MapGet("/audit/verify", VerifyAsync).RequireAuthorization(Policies.Organisation(Access.ReadAudit));
        audit.MapGet("/sites/{site}/audit", ListSiteAsync).RequireAuthorization(Policies.SiteReadAudit);
        audit.MapGet("/audit/export.csv", ExportAllAsync).RequireAuthorization(Policies.Organisation(Access.ReadAudit));
        audit.MapGet("/sites/{site}/audit/export.csv", ExportSiteAsync).RequireAuthorization(Policies.SiteReadAudit);
    }

    public sealed record Record(long Sequence, DateTimeOffset At, string Actor, string Site, string Action, string Target, string? Before, string? After, string Outcome, string Hash);

    public sealed record Page(IReadOnlyList<Record> Records, long? NextBefore);

    private static Task<Page> ListAllAsync(CastellanDbContext db, long? before, int? size, CancellationToken cancellationToken) =>
        ReadAsync(db.AuditRecords, before, size, cancellationToken);

    private static Task<Page> ListSiteAsync(string site, CastellanDbContext db, long? before, int? size, CancellationToken cancellationToken) =>
        ReadAsync(db.AuditRecords.Where(r => r.Site == site), before, size, cancellationToken);

    private static Task ExportAllAsync(HttpContext context, CastellanDbContext db, CancellationToken cancellationToken) =>
        ExportAsync(context, db, null, "castellan-audit.csv", cancellationToken);

    private static Task ExportSiteAsync(string site, HttpContext context, CastellanDbContext db, CancellationToken cancellationToken) =>
        ExportAsync(context, db, site, $"castellan-audit-{site}.csv", cancellationToken);

    /// <summary>Streamed to the response as it is read: the whole trail is never held in memory.</summary>
    private static async Task ExportAsync(HttpContext context, CastellanDbContext db, string? site, string file, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = file }.ToString();
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false), 16 * 1024);
        await new ExportAuditCsv(db).WriteAsync(writer, site, cancellationToken);
    }

    private static async Task<Ok<VerifyAuditChain.Outcome>> VerifyAsync(CastellanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new VerifyAuditChain(db).RunAsync(cancellationToken));

    /// <summary>Keyset paging on the sequence: constant cost per page however long the trail.</summary>
    public static async Task<Page> ReadAsync(IQueryable<AuditRecordRow> records, long? before, int? size, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(size ?? 100, 1, MaxPageSize);
        var query = records.AsNoTracking();
        if (before is { } b)
        {
            query = query.Where(r => r.Sequence < b);
        }

        var page = await query.OrderByDescending(r => r.Sequence).Take(take + 1)
            .Select(r => new Record(r.Sequence, r.At, r.Actor, r.Site, r.Action, r.Target, r.Before, r.After, r.Outcome, r.Hash))
            .ToListAsync(cancellationToken);
        return new Page(page.Take(take).ToList(), page.Count > take ? page[take - 1].Sequence : null);
    }
}
