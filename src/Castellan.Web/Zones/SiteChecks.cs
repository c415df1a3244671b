using Castellan.Core.Persistence;
using Castellan.Core.Zones;
using Castellan.Domain.Risk;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones.Rules;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Web.Zones;

/// <summary>
/// The check of a site (every rule, SL-A of every zone, the site's risks), computed once per change of the site and
/// shared by every request: each request reads the site's change mark from the database (two index seeks) and uses the
/// result only if it was computed at that mark, so no state that matters lives in memory and several instances agree.
/// A site is computed by one request at a time; the dashboard may show the previous result while the next is computed.
/// </summary>
public sealed class SiteChecks(WebOptions options)
{
    public const int TopRisks = 5;

    /// <summary>
    /// Under a stream of writes, readers that accept a stale result start a new check of the site at most this often;
    /// the pages say the figures are being updated. Readers that need the current state (findings, diagram) never wait for it.
    /// </summary>
    public static readonly TimeSpan StaleRecheckInterval = TimeSpan.FromSeconds(2);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SiteState> _sites = new(StringComparer.Ordinal);

    /// <summary>What the pages show of one check; <see cref="Stale"/> when a newer change is still being checked.</summary>
    public sealed record Result(
        CheckSite.Outcome Outcome,
        IReadOnlyDictionary<string, ZoneLevels> Levels,
        IReadOnlyDictionary<string, int> Counts,
        IReadOnlyList<RiskRow> Risks,
        RiskMatrix? Matrix,
        Lazy<string> DiagramSvg,
        bool Stale = false)
    {
        /// <summary>The site's zone and conduit diagram (ZoneDiagram), drawn once per check.</summary>
        public string Diagram => DiagramSvg.Value;

        public IReadOnlyList<Finding> Findings => Outcome.Report.Findings;

        public int FindingsOf(Severity severity) => Outcome.Report.Findings.Count(f => f.Severity == severity);
    }

    private sealed class SiteState
    {
        public Result? Done;
        public CheckSite.ChangeMark? PendingMark;
        public Task<Result>? Pending;
        public long FinishedAt;
    }

    /// <summary>
    /// The check at the database's current mark; with <paramref name="allowStale"/>, the last one while a newer one runs.
    /// At most one computation per site runs at a time: under a stream of writes, each finished check is followed by
    /// one at the then-current mark, rather than one started per write (which would pile up and starve every reader).
    /// </summary>
    public async Task<Result> GetAsync(CastellanDbContext db, string site, bool allowStale, CancellationToken cancellationToken)
    {
        var mark = await CheckSite.ChangeMarkAsync(db, site, cancellationToken);
        var state = _sites.GetOrAdd(site, _ => new SiteState());
        while (true)
        {
            Task<Result> pending;
            lock (state)
            {
                if (state.Done is { } done && (done.Outcome.Mark == mark || Newer(done.Outcome.Mark, mark)))
                {
                    return done;
                }

                var recentlyChecked = state.Done is not null && options.Clock.GetElapsedTime(state.FinishedAt) < StaleRecheckInterval;
                if (state.Pending is null && !(allowStale && recentlyChecked))
                {
                    state.PendingMark = mark;
                    state.Pending = ComputeAsync(site, mark, state);
                }

                if (allowStale && state.Done is { } previous)
                {
                    return previous with { Stale = true };
                }

                pending = state.Pending!;
            }

            var result = await pending.WaitAsync(cancellationToken);
            if (result.Outcome.Mark == mark || Newer(result.Outcome.Mark, mark))
            {
                return result;
            }
        }
    }

    private async Task<Result> ComputeAsync(string site, CheckSite.ChangeMark mark, SiteState state)
    {
        await Task.Yield();
        try
        {
            var outcome = await new CheckSite(options.Database, options.Clock).RunAsync(site, CancellationToken.None);
            await using var db = options.Database.CreateContext();
            var counts = await db.WorkspaceObjects.AsNoTracking().Where(o => o.Site == site && o.Kind != "site")
                .GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal);
            var result = new Result(outcome, outcome.Report.Zones.ToDictionary(z => z.Zone, StringComparer.Ordinal), counts, RisksOf(outcome), outcome.Workspace.Risk?.Matrix,
                new Lazy<string>(() => ZoneDiagram.Render(outcome.Workspace, outcome.Report.Zones, outcome.Report.Findings, site)));
            lock (state)
            {
                if (state.Done is null || Newer(result.Outcome.Mark, state.Done.Outcome.Mark))
                {
                    state.Done = result;
                }

                if (state.PendingMark == mark)
                {
                    state.Pending = null;
                    state.PendingMark = null;
                }

                state.FinishedAt = options.Clock.GetTimestamp();
            }

            return result;
        }
        catch
        {
            lock (state)
            {
                if (state.PendingMark == mark)
                {
                    state.Pending = null;
                    state.PendingMark = null;
                }
            }

            throw;
        }
    }

    private static bool Newer(CheckSite.ChangeMark a, CheckSite.ChangeMark b) => a.Site >= b.Site && a.Organisation >= b.Organisation && a != b;

    /// <summary>The site's threat scenarios (scope zone:ID or conduit:ID of the site), worst residual risk first.</summary>
    private static List<RiskRow> RisksOf(CheckSite.Outcome outcome)
    {
        if (outcome.Workspace.Risk is not { } register)
        {
            return [];
        }

        var scopes = outcome.Workspace.Zones.Select(z => "zone:" + z.Id).Concat(outcome.Workspace.Conduits.Select(c => "conduit:" + c.Id)).ToHashSet(StringComparer.Ordinal);
        return [.. RiskRating.Rows(register).Where(r => scopes.Contains(r.Scenario.Scope))
            .OrderByDescending(r => r.Residual.Band).ThenByDescending(r => r.Inherent.Band).ThenBy(r => r.Scenario.Id, StringComparer.Ordinal)];
    }
}
