using Castellan.Core.Common;
using Castellan.Core.GapAnalysis;
using Castellan.Core.Persistence;
using Castellan.Core.Soa;
using Castellan.Domain.GapAnalysis;

namespace Castellan.Web.GapAnalysis;

/// <summary>The gap analysis of the organisation's stored SoA against one target, as the page and the API run it.</summary>
internal static class StoredSoaGap
{
    public static async Task<GapReport> RunAsync(string? target, bool ismsCertified, CastellanDbContext db, WebOptions options, CancellationToken cancellationToken)
    {
        var choices = await new ListGapTargets(db).RunAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new InputException($"target: choose one of {string.Join(", ", choices.Select(c => c.Target))}");
        }

        var chosen = choices.FirstOrDefault(c => string.Equals(c.Target, target.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InputException($"target: '{target}' is not one of {string.Join(", ", choices.Select(c => c.Target))}");
        if (!GapTarget.TryParse(chosen.Target, out var parsed, out var error))
        {
            throw new InputException($"target: {error}");
        }

        var soa = (await new LoadSoa(db).RunAsync(cancellationToken)).ToStatement();
        var reports = await new RunGapAnalysis(options.Database).RunAsync(soa, [parsed!], new GapCalculator.Options { IsmsClausesImplemented = ismsCertified }, cancellationToken);
        return reports[0];
    }
}
