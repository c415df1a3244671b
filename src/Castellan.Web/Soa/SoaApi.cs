using System.Security.Claims;
using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Domain.Soa;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Castellan.Web.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Castellan.Web.Soa;

/// <summary>/api/v1/soa: the organisation's Statement of Applicability — read, edit one control, import a file (a job), export.</summary>
public static class SoaApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var soa = api.MapGroup("").WithTags("Statement of Applicability");
        soa.MapGet("/soa", ListAsync).RequireAuthorization(Policies.OrganisationRead);
        soa.MapGet("/soa/export", ExportAsync).RequireAuthorization(Policies.OrganisationRead);
        soa.MapGet("/soa/{control}", GetAsync).RequireAuthorization(Policies.OrganisationRead);
        soa.MapPut("/soa/{control}", EditAsync).RequireAuthorization(Policies.OrganisationManageSecurity);
        // The form field binding's own antiforgery check would refuse API tokens; ApiAntiforgery checks cookie requests.
        soa.MapPost("/soa/import", ImportAsync).RequireAuthorization(Policies.OrganisationManageSecurity).DisableAntiforgery();
    }

    /// <summary>One control as the API shows it; <see cref="Applicable"/> null = the SoA says nothing about it.</summary>
    public sealed record Entry(string Control, string Title, bool? Applicable, string? Justification, string? Implementation,
        string? Owner, string? Evidence, string? Notes, string? ConvertedFrom, long Version)
    {
        public static Entry Of(StoredSoaEntry stored) => Of(stored.ControlId, stored.Title, stored.Entry, stored.Version);

        public static Entry Of(string control, string title, SoaEntry? e, long version) => new(control, title, e?.Applicable, e?.Justification,
            e is null ? null : e.Implementation.ToWire(), e?.Owner, e?.Evidence, e?.Notes, e?.ConvertedFrom, version);
    }

    /// <summary>A PUT body: the version read, then the fields (see <see cref="EditSoaEntry.Fields"/>).</summary>
    public sealed record Edit(long Version, bool? Applicable, string? Justification, string? Implementation, string? Owner, string? Evidence, string? Notes);

    public sealed record ImportResult(bool Imported, string? Warning, IReadOnlyList<string> Changed, IReadOnlyList<SoaRowOutcome> Rows);

    private static async Task<Ok<IReadOnlyList<Entry>>> ListAsync(CastellanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<Entry>>([.. (await new LoadSoa(db).RunAsync(cancellationToken)).Controls.Select(Entry.Of)]);

    private static async Task<Ok<Entry>> GetAsync(string control, CastellanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(Entry.Of(await new LoadSoa(db).FindAsync(control, cancellationToken)));

    private static async Task<Ok<Entry>> EditAsync(string control, Edit body, ClaimsPrincipal user, CastellanDbContext db,
        TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(Entry.Of(await new EditSoaEntry(db, clock).RunAsync(WebClaims.Actor(user), control,
            new EditSoaEntry.Fields(body.Applicable, body.Justification, body.Implementation, body.Owner, body.Evidence, body.Notes), body.Version, cancellationToken)));

    /// <summary>Starts the import as a job: 202 with its address; the job's result lists every row (also when rows were refused).</summary>
    private static async Task<Accepted<JobsApi.JobStatus>> ImportAsync(IFormFile? file, ClaimsPrincipal user, StartJob start, CastellanDbContext db,
        CancellationToken cancellationToken)
    {
        Uploads.Check(file, "file", Uploads.MaxSpreadsheetBytes, ".csv", ".xlsx");
        var job = await start.RunAsync(user, "", SoaImportJob.Name, inputName: Path.GetFileName(file!.FileName), inputContent: await ReadAsync(file, cancellationToken),
            cancellationToken: cancellationToken);
        return await JobsApi.AcceptedAsync("", job, db, cancellationToken);
    }

    private static async Task<FileContentHttpResult> ExportAsync(string? format, CastellanDbContext db, CancellationToken cancellationToken)
    {
        var file = await new ExportSoa(db).RunAsync(format ?? "csv", cancellationToken);
        return TypedResults.File(file.Content, file.ContentType, file.Name);
    }

    internal static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
