using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;
using Castellan.Domain.Soa;

namespace Castellan.Domain.GapAnalysis;

/// <summary>
/// The gap analysis from a Statement of Applicability to a target catalog (docs/gap-analysis.md states the rules).
/// A pure, deterministic function: the same inputs give the same report, whatever the order of the SoA's entries.
/// </summary>
public static class GapCalculator
{
    public sealed record Options
    {
        /// <summary>Count mappings from ISO/IEC 27001 clauses 4–10 as implemented (the ISMS is certified).</summary>
        public bool IsmsClausesImplemented { get; init; }

        /// <summary>
        /// The risk register's weights (<see cref="Risk.GapRiskWeights"/>): when given, actions are ordered first by the
        /// worst risk that relies on the requirement, its parent SR, or a control mapped to it. Null keeps the default order.
        /// </summary>
        public IReadOnlyDictionary<string, Risk.GapRiskWeights.Weight>? RiskWeights { get; init; }
    }

    public static GapReport Analyse(GapTarget target, Catalog catalog, Catalog iso, MappingSet? mappings, StatementOfApplicability soa,
        IReadOnlyList<TailoringNote> notes, Options? options = null)
    {
        options ??= new Options();
        var rows = (mappings?.Mappings ?? []).Where(m => m.TargetId is not null && m.Relationship != Relationship.NoRelationship)
            .ToLookup(m => m.TargetId!, StringComparer.Ordinal);
        var otSpecific = (mappings?.OtSpecific ?? []).ToDictionary(o => o.TargetId, StringComparer.Ordinal);
        var requirements = target.Level is { } level ? catalog.AtLevel(level) : catalog.Requirements;
        var context = new Context(catalog, iso, soa, notes, options, rows, otSpecific);

        var results = requirements.Where(r => r.Assessable).Select(context.Evaluate).ToList();
        var summary = results.GroupBy(r => r.Area, StringComparer.Ordinal)
            .Select(g => Summarise(g.Key, catalog.Find(g.Key)?.Title ?? g.Key, g.ToList()))
            .ToList();
        return new GapReport(target, catalog, results, summary, Summarise("total", "All requirements", results), Actions(results, options.RiskWeights));
    }

    private static AreaSummary Summarise(string area, string title, IReadOnlyList<GapResult> results) => new(
        area, title, results.Count,
        results.Count(r => r.Status == CoverageStatus.Covered),
        results.Count(r => r.Status == CoverageStatus.PartiallyCovered),
        results.Count(r => r.Status == CoverageStatus.NotCovered),
        results.Count(r => r.Status == CoverageStatus.OtSpecific),
        results.Count(r => r.Status == CoverageStatus.NotApplicable));

    /// <summary>
    /// Gaps first by the level that first requires them (SL/ML 1 basics before SL 4 refinements), then whole gaps
    /// (OT-specific, not covered) before partial ones, then document order. With a risk register, the worst risk that
    /// relies on the requirement comes first of all.
    /// </summary>
    private static IReadOnlyList<GapAction> Actions(IReadOnlyList<GapResult> results, IReadOnlyDictionary<string, Risk.GapRiskWeights.Weight>? weights) =>
        [.. results.Select((r, index) => new Gap(r, index, weights is null ? null : RiskOf(r, weights)))
            .Where(x => x.Result.Status.IsGap())
            .OrderBy(x => x, GapOrder.Instance)
            .Select((x, rank) => new GapAction(rank + 1, x.Result.Requirement.Id, x.Result.Requirement.Title, x.Result.Status, x.Result.Requirement.Levels.First, ActionText(x.Result))
            {
                Risk = x.Risk is { } w ? $"{w.Risk} ({w.Band})" : null,
            })];

    /// <summary>
    /// A result to rank (a class, not a tuple: LINQ over a reference type runs code compiled ahead of time, over a value
    /// type it compiles at run time, which a one-shot CLI pays on every run).
    /// </summary>
    private sealed record Gap(GapResult Result, int Index, Risk.GapRiskWeights.Weight? Risk);

    /// <summary>
    /// The order of <see cref="Actions"/>, as one comparer rather than a chain of LINQ keys: the framework's code for a
    /// descending int key over our type is compiled at run time.
    /// </summary>
    private sealed class GapOrder : IComparer<Gap>
    {
        public static readonly GapOrder Instance = new();

        public int Compare(Gap? x, Gap? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var order = (y.Risk?.Residual ?? -1).CompareTo(x.Risk?.Residual ?? -1);
            if (order == 0)
            {
                order = (y.Risk?.Inherent ?? -1).CompareTo(x.Risk?.Inherent ?? -1);
            }

            if (order == 0)
            {
                order = (x.Result.Requirement.Levels.First ?? 1).CompareTo(y.Result.Requirement.Levels.First ?? 1);
            }

            if (order == 0)
            {
                order = Whole(x).CompareTo(Whole(y));
            }

            return order != 0 ? order : x.Index.CompareTo(y.Index);
        }

        /// <summary>Whole gaps (OT-specific, not covered) before partial ones.</summary>
        private static int Whole(Gap gap) => gap.Result.Status == CoverageStatus.PartiallyCovered ? 1 : 0;
    }

    /// <summary>Strongest evidence first: what contributes, then by the mapping's strength, then in reading order of the ids.</summary>
    private sealed class StrongestFirst : IComparer<Evidence>
    {
        public static readonly StrongestFirst Instance = new();

        public int Compare(Evidence? x, Evidence? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var order = ((int)y.Contribution).CompareTo((int)x.Contribution);
            if (order == 0)
            {
                order = (y.Strength ?? 0).CompareTo(x.Strength ?? 0);
            }

            return order != 0 ? order : NaturalIdComparer.Instance.Compare(x.ControlId, y.ControlId);
        }
    }

    private static Risk.GapRiskWeights.Weight? RiskOf(GapResult x, IReadOnlyDictionary<string, Risk.GapRiskWeights.Weight> weights) =>
        new[] { x.Requirement.Id, x.Requirement.ParentId }.Concat(x.Evidence.Select(e => e.ControlId))
            .Select(id => id is not null && weights.TryGetValue(id, out var w) ? w : null)
            .Aggregate((Risk.GapRiskWeights.Weight?)null, (worst, w) => w is not null && w.IsWorseThan(worst) ? w : worst);

    private static string ActionText(GapResult result) => result.Status switch
    {
        CoverageStatus.OtSpecific => "Establish it as a new OT control: no ISO/IEC 27001 control addresses it.",
        CoverageStatus.NotCovered when result.Evidence.Count == 0 => "Establish a control for it: no ISO/IEC 27001 control maps to it.",
        CoverageStatus.NotCovered when result.Evidence.All(e => e.SoaState.StartsWith("ISMS clause", StringComparison.Ordinal)) =>
            $"Mapped only from ISMS clauses {Controls(result.Evidence)}: confirm they cover the OT scope (--isms-certified counts them), or establish a control.",
        CoverageStatus.NotCovered => $"Implement {Controls(result.Evidence.Where(e => !e.SoaState.StartsWith("ISMS clause", StringComparison.Ordinal)))} for the OT scope (mapped, but not implemented in the SoA).",
        CoverageStatus.PartiallyCovered => $"Extend {Controls(result.Evidence.Where(e => e.Contribution != Contribution.None))} to the OT requirement, or complete its implementation.",
        _ => "",
    };

    private static string Controls(IEnumerable<Evidence> evidence) => string.Join(", ", evidence.Select(e => e.ControlId).Distinct().Take(3));

    private sealed class Context(
        Catalog catalog, Catalog iso, StatementOfApplicability soa, IReadOnlyList<TailoringNote> notes, Options options,
        ILookup<string, Mapping> rows, Dictionary<string, OtSpecificRequirement> otSpecific)
    {
        public GapResult Evaluate(Requirement requirement)
        {
            var area = Area(requirement);
            var parent = requirement.Kind == RequirementKind.RequirementEnhancement ? requirement.ParentId : null;
            if (otSpecific.TryGetValue(requirement.Id, out var marked)
                || (parent is not null && !rows[requirement.Id].Any() && otSpecific.TryGetValue(parent, out marked)))
            {
                return new GapResult
                {
                    Requirement = requirement, Status = CoverageStatus.OtSpecific, Area = area,
                    Explanation = $"OT-specific, no ISO/IEC 27001 counterpart: {marked.Rationale} ({marked.Provenance})",
                    Notes = NotesFor(requirement, []),
                };
            }

            var viaParent = !rows[requirement.Id].Any() && parent is not null;
            var links = viaParent ? rows[parent!] : rows[requirement.Id];
            var evidence = links.Select(m => Weigh(m, viaParent)).OrderBy(e => e, StrongestFirst.Instance).ToList();
            var status = Decide(evidence);
            return new GapResult
            {
                Requirement = requirement, Status = status, Area = area, Evidence = evidence,
                Explanation = Explain(status, evidence, viaParent, parent),
                Notes = NotesFor(requirement, evidence),
            };
        }

        private Evidence Weigh(Mapping mapping, bool viaParent)
        {
            var control = iso.Find(mapping.SourceId);
            var isClause = control?.Kind == RequirementKind.Clause;
            var entry = soa.Find(mapping.SourceId);
            var state = isClause
                ? options.IsmsClausesImplemented ? "implemented (ISMS clause)" : "ISMS clause (not assessed)"
                : entry is null ? "not in SoA"
                : !entry.Applicable ? "excluded"
                : entry.Implementation.ToWire();
            var implemented = isClause ? options.IsmsClausesImplemented : entry?.IsImplemented == true;
            var partly = !isClause && entry?.IsPartlyImplemented == true;

            // IEC 62443 REs ask more than their SR: evidence for the SR alone is never full evidence for an RE.
            var contribution = implemented && mapping.Relationship is Relationship.Equal or Relationship.SupersetOf && !viaParent ? Contribution.Full
                : implemented || partly ? Contribution.Partial
                : Contribution.None;
            return new Evidence
            {
                ControlId = mapping.SourceId,
                ControlTitle = control?.Title ?? mapping.SourceId,
                SoaState = state,
                Relationship = mapping.Relationship,
                Provenance = mapping.Provenance,
                Strength = mapping.Strength,
                Rationale = mapping.Rationale,
                MappingStatus = mapping.Status,
                ViaParent = viaParent,
                Contribution = contribution,
            };
        }

        private static CoverageStatus Decide(IReadOnlyList<Evidence> evidence) =>
            evidence.Any(e => e.Contribution == Contribution.Full) ? CoverageStatus.Covered
            : evidence.Any(e => e.Contribution == Contribution.Partial) ? CoverageStatus.PartiallyCovered
            : evidence.Count > 0 && evidence.All(e => e.SoaState == "excluded") ? CoverageStatus.NotApplicable
            : CoverageStatus.NotCovered;

        private static string Explain(CoverageStatus status, IReadOnlyList<Evidence> evidence, bool viaParent, string? parent)
        {
            string List(IEnumerable<Evidence> items) => string.Join(", ", items.Select(e => $"{e.ControlId} ({e.SoaState}, {e.Relationship.ToWire()})"));
            var via = viaParent ? $" through its parent {parent} (the enhancement has no mapping of its own, so at most partial)" : "";
            return status switch
            {
                CoverageStatus.Covered => $"Covered by {List(evidence.Where(e => e.Contribution == Contribution.Full))}.",
                CoverageStatus.PartiallyCovered => $"Partly covered{via} by {List(evidence.Where(e => e.Contribution == Contribution.Partial))}; none covers it whole.",
                CoverageStatus.NotApplicable => $"Every mapped control is excluded in the SoA: {List(evidence)}; confirm the exclusion holds for the OT scope.",
                CoverageStatus.NotCovered when evidence.Count == 0 => "No ISO/IEC 27001 control maps to it.",
                CoverageStatus.NotCovered => $"Mapped{via} from {List(evidence)}, but none is implemented.",
                CoverageStatus.OtSpecific => "OT-specific.",
            };
        }

        private IReadOnlyList<TailoringNote> NotesFor(Requirement requirement, IReadOnlyList<Evidence> evidence) =>
            [.. notes.Where(n =>
                (n.Targets.TryGetValue(catalog.Id.Value, out var ids) && (ids.Contains(requirement.Id) || (requirement.ParentId is not null && ids.Contains(requirement.ParentId))))
                || evidence.Any(e => n.Controls.Contains(e.ControlId)))];

        private string Area(Requirement requirement)
        {
            var node = requirement;
            while (node.ParentId is not null && catalog.Find(node.ParentId) is { } up)
            {
                node = up;
            }

            return node.Id;
        }
    }
}
