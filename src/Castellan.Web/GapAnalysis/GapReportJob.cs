using System.Globalization;
using System.Text.Json;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.GapAnalysis;

/// <summary>A gap report download made as a job: the stored SoA against one target, rendered as JSON, HTML or XLSX.</summary>
public sealed class GapReportJob : IJobKind
{
    public const string Name = "gap.report";

    public const string Rendering = "rendering the report";

    public string Kind => Name;

    public string Title => "Gap report";

    public string ResultView => "/GapAnalysis/_GapReportJob.cshtml";

    /// <summary>What to analyse and how to render it (validated when the job is started).</summary>
    public sealed record Request(string Target, string Format, bool IsmsCertified);

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<Request>(run.Job.InputJson ?? "null", JsonSerializerOptions.Web)
            ?? throw new InputException("the gap report job names no target");
        var options = run.Services.GetRequiredService<WebOptions>();
        var report = await StoredSoaGap.RunAsync(request.Target, request.IsmsCertified, run.Services.GetRequiredService<CastellanDbContext>(), options,
            run.Progress, cancellationToken);
        run.Progress.Report(new WorkProgress(Rendering, 0, 0));
        var file = GapFiles.Render(report, request.Format, options.Clock.GetUtcNow());
        run.Progress.Report(new WorkProgress(Rendering, 1, 1));
        return new JobOutcome(true, $"{report.Target}: {report.Total.CoveragePercent.ToString("0.#", CultureInfo.InvariantCulture)} % coverage.",
            FileName: file.Name, ContentType: file.ContentType, Content: file.Content);
    }
}
