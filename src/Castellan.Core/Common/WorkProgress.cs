namespace Castellan.Core.Common;

/// <summary>
/// How far a long use case has got: the step it is in and, within the step, how many of how many items (rows, assets)
/// are done. <see cref="Total"/> 0 means the step's size is not known (a progress bar shows activity, not a share).
/// Use cases report through an optional <see cref="IProgress{T}"/>; reporting is cheap, the receiver decides how often
/// it passes the figures on (a job writes them to its row at most every few hundred milliseconds).
/// </summary>
public readonly record struct WorkProgress(string Step, long Done, long Total)
{
    /// <summary>How often a loop over rows reports (every row would cost more than the row itself on small rows).</summary>
    public const int ReportEvery = 1000;

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> when it is a multiple of <see cref="ReportEvery"/> or the last.</summary>
    public static void Report(IProgress<WorkProgress>? progress, string step, long done, long total)
    {
        if (progress is not null && (done % ReportEvery == 0 || done == total))
        {
            progress.Report(new WorkProgress(step, done, total));
        }
    }
}
