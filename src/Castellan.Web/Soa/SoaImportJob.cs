using System.Text.Json;
using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Soa;

/// <summary>
/// The SoA import as a job: the file replaces the stored SoA, all or nothing (<see cref="ImportSoa"/>). Refused rows
/// make a failed job whose result still lists every row with its outcome, so the page shows which rows to correct.
/// </summary>
public sealed class SoaImportJob : IJobKind
{
    public const string Name = "soa.import";

    public string Kind => Name;

    public string Title => "SoA import";

    public string ResultView => "/Soa/_SoaImportJob.cshtml";

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var job = run.Job;
        var import = new ImportSoa(run.Services.GetRequiredService<CastellanDbContext>(), run.Services.GetRequiredService<TimeProvider>());
        var outcome = await import.RunAsync(job.Actor, job.InputName!, job.InputContent!, run.Progress, cancellationToken);
        var result = JsonSerializer.Serialize(new SoaApi.ImportResult(outcome.Written, outcome.Import.Warning, outcome.Changed, outcome.Import.Rows),
            JsonSerializerOptions.Web);
        if (outcome.Written)
        {
            return new JobOutcome(true, $"Imported {job.InputName}: {outcome.Import.Soa.Entries.Count} controls stated, {outcome.Changed.Count} changed.", result);
        }

        var refused = outcome.Refused.ToList();
        return new JobOutcome(false, $"{job.InputName}: {refused.Count} of {outcome.Import.Rows.Count} rows refused, so nothing was imported: "
            + string.Join("; ", refused.Take(5).Select(r => $"row {r.Row}: {r.Message}")) + (refused.Count > 5 ? "; …" : ""), result);
    }
}
