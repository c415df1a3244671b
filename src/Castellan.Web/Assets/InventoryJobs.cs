using System.Text.Json;
using Castellan.Core.Assets;
using Castellan.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Assets;

/// <summary>
/// The inventory preview as a job: 100,000 rows take seconds to read and match. The preview writes no asset; when
/// the file can be applied and changes something, it is staged (<see cref="ImportInventory.StageAsync"/>) and the
/// result names the stage key that the apply confirms.
/// </summary>
public sealed class InventoryPreviewJob : IJobKind
{
    public const string Name = "inventory.preview";

    public string Kind => Name;

    public string Title => "Inventory preview";

    public string ResultView => "/Assets/_InventoryPreviewJob.cshtml";

    /// <summary>The preview as the API returned it before jobs, and the key of the staged file (null: nothing to apply).</summary>
    public sealed record Result(string File, string Sha256, int Added, int Changed, int Unchanged, int Refused, bool CanApply, string? StageKey,
        IReadOnlyList<RowOutcome> Rows);

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var (job, import) = (run.Job, run.Services.GetRequiredService<ImportInventory>());
        var preview = await import.PreviewAsync(job.Site, job.InputName!, job.InputContent!, run.Progress, cancellationToken);
        var key = preview.CanApply && preview.Added + preview.Changed > 0
            ? await import.StageAsync(job.Site, job.InputName!, job.InputContent!, job.Actor, cancellationToken)
            : null;
        var message = !preview.CanApply ? $"{preview.Refused} row(s) refused: nothing can be imported until the file is corrected."
            : key is null ? "Nothing would change."
            : $"{preview.Added} to add, {preview.Changed} to change, {preview.Unchanged} unchanged: confirm to apply.";
        var result = new Result(preview.File, preview.Sha256, preview.Added, preview.Changed, preview.Unchanged, preview.Refused, preview.CanApply, key, preview.Rows);
        return new JobOutcome(true, message, JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
    }
}

/// <summary>
/// The inventory apply as a job: a staged file (the page's confirm, which names the counts it showed) or an uploaded
/// one (the API), all or nothing, one audit record with the job's actor.
/// </summary>
public sealed class InventoryApplyJob : IJobKind
{
    public const string Name = "inventory.apply";

    public string Kind => Name;

    public string Title => "Inventory import";

    public string ResultView => "/Assets/_InventoryApplyJob.cshtml";

    /// <summary>What the confirmed preview showed; the apply refuses a different outcome (the assets changed meanwhile).</summary>
    public sealed record Expected(int Added, int Changed, int Unchanged);

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var (job, import) = (run.Job, run.Services.GetRequiredService<ImportInventory>());
        ImportInventory.Preview applied;
        if (job.InputKey is { } key)
        {
            var expected = JsonSerializer.Deserialize<Expected>(job.InputJson ?? "null", JsonSerializerOptions.Web);
            applied = await import.ApplyStagedAsync(job.Site, key, job.Actor,
                expected is null ? null : new ImportInventory.Preview("", "", expected.Added, expected.Changed, expected.Unchanged, 0, []), run.Progress, cancellationToken);
        }
        else
        {
            applied = await import.ApplyAsync(job.Site, job.InputName!, job.InputContent!, job.Actor, progress: run.Progress, cancellationToken: cancellationToken);
        }

        return new JobOutcome(true, $"Imported {applied.File}: {applied.Added} added, {applied.Changed} changed, {applied.Unchanged} unchanged.",
            JsonSerializer.Serialize(applied, JsonSerializerOptions.Web));
    }
}
