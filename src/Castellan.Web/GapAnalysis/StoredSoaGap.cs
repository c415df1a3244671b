using Castellan.Core.Common;
using Castellan.Core.GapAnalysis;
using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Domain.GapAnalysis;

namespace Castellan.Web.GapAnalysis;

/// <summary>The gap analysis of the organisation's stored SoA against one target, as the page, the API and the report job run it.</summary>
internal static class StoredSoaGap
{
    /// <summary>The target named by <paramref name="target"/>, one of the choices the database offers; else an input error naming the choices.</summary>
    public static async Task<GapTarget> TargetAsync(string? target, CastellanDbContext db, CancellationToken cancellationToken)
    {
        var choices = await new ListGapTargets(db).RunAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new InputException($"target: choose one of {string.Join(", ", choices.Select(c => c.Target))}");
        }

        var chosen = choices.FirstOrDefault(c => string.Equals(c.Target, target.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InputException($"target: '{target}' is not one of {string.Join(", ", choices.Select(c => c.Target))}");
        return GapTarget.TryParse(chosen.Target, out var parsed, out var error) ? parsed! : throw new InputException($"target: {error}");
    }

    public static async Task<GapReport> RunAsync(string? target, bool ismsCertified, CastellanDbContext db, WebOptions options,
        IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var parsed = await TargetAsync(target, db, cancellationToken);
        var soa = (await new LoadSoa(db).RunAsync(cancellationToken)).ToStatement();
        var reports = await new RunGapAnalysis(options.Database).RunAsync(soa, [parsed], new GapCalculator.Options { IsmsClausesImplemented = ismsCertified },
            progress, cancellationToken);
        return reports[0];
    }
}
