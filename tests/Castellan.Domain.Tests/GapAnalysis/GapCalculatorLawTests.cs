using Castellan.Core.Catalogs;
using Castellan.Core.GapAnalysis;
using Castellan.Domain.Catalogs;
using Castellan.Domain.GapAnalysis;
using Castellan.Domain.Mappings;
using Castellan.Domain.Soa;
using FsCheck.Xunit;

namespace Castellan.Domain.Tests.GapAnalysis;

/// <summary>The laws of docs/gap-analysis.md, checked on the shipped catalogs and mapping sets with random SoAs.</summary>
public sealed class GapCalculatorLawTests
{
    private static readonly ShippedCatalogs Shipped = ShippedCatalogs.Instance;
    private static readonly Catalog Iso = Shipped.Find(new CatalogId("iso27001-2022"))!;
    private static readonly string[] Controls = [.. Iso.Requirements.Where(r => r.Kind == RequirementKind.Control).Select(r => r.Id)];

    /// <summary>Every shipped ISO/IEC 27001:2022 → 62443 target, at every level it has.</summary>
    private static readonly (GapTarget Target, Catalog Catalog, MappingSet Set)[] Targets =
    [
        .. Shipped.MappingSets.Where(s => s.Header.Source == Iso.Id).SelectMany(set =>
        {
            var catalog = Shipped.Find(set.Header.Target)!;
            var prefix = catalog.Header.Grading.LevelPrefix();
            return prefix is null
                ? [(new GapTarget(catalog.Id, null, null), catalog, set)]
                : Enumerable.Range(1, 4).Select(l => (new GapTarget(catalog.Id, prefix, l), catalog, set));
        }),
    ];

    private static GapReport Analyse(int target, StatementOfApplicability soa)
    {
        var (t, catalog, set) = Targets[Math.Abs(target % Targets.Length)];
        return GapCalculator.Analyse(t, catalog, Iso, set, soa, Shipped.TailoringNotes);
    }

    private static StatementOfApplicability RandomSoa(int seed)
    {
        var random = new Random(seed);
        return new StatementOfApplicability(Controls.Where(_ => random.Next(5) > 0).Select(id => new SoaEntry
        {
            ControlId = id,
            Applicable = random.Next(6) > 0,
            Justification = "test",
            Implementation = (ImplementationStatus)random.Next(4),
        }));
    }

    private static int Rank(CoverageStatus status) => status switch
    {
        CoverageStatus.NotCovered => 0,
        CoverageStatus.PartiallyCovered => 1,
        CoverageStatus.Covered => 2,
        CoverageStatus.OtSpecific => -1,
        CoverageStatus.NotApplicable => 3,
    };

    [Fact]
    public void Targets_IncludeTheIec62443Parts() =>
        Targets.Select(t => t.Catalog.Id.Value).Distinct().ShouldContain("iec62443-2-1-2024");

    [Property(MaxTest = 200)]
    public bool ImplementingOneMoreControl_NeverAddsAGap(int seed, int target, int pick)
    {
        var soa = RandomSoa(seed);
        var applicable = soa.Entries.Where(e => e.Applicable && e.Implementation != ImplementationStatus.Implemented).ToList();
        if (applicable.Count == 0)
        {
            return true;
        }

        var chosen = applicable[Math.Abs(pick % applicable.Count)];
        var before = Analyse(target, soa).Results;
        var after = Analyse(target, soa.With(chosen with { Implementation = ImplementationStatus.Implemented })).Results;

        return before.Zip(after).All(p => p.First.Requirement.Id == p.Second.Requirement.Id
            && (p.First.Status == p.Second.Status || (Rank(p.Second.Status) > Rank(p.First.Status) && p.First.Status != CoverageStatus.OtSpecific)))
            && after.Count(r => r.Status.IsGap()) <= before.Count(r => r.Status.IsGap());
    }

    [Property(MaxTest = 100)]
    public bool OtSpecificRequirements_StayGapsForAnySoa(int seed, int target)
    {
        var (_, _, set) = Targets[Math.Abs(target % Targets.Length)];
        var marked = set.OtSpecific.Select(o => o.TargetId).ToHashSet();
        return Analyse(Math.Abs(target), RandomSoa(seed)).Results
            .Where(r => marked.Contains(r.Requirement.Id))
            .All(r => r.Status == CoverageStatus.OtSpecific && r.Status.IsGap());
    }

    [Property(MaxTest = 50)]
    public bool TheOrderOfSoaRows_DoesNotMatter(int seed, int target)
    {
        var soa = RandomSoa(seed);
        var shuffled = new StatementOfApplicability(soa.Entries.OrderBy(_ => new Random(seed + 1).Next()).Reverse());
        var a = Analyse(Math.Abs(target), soa);
        var b = Analyse(Math.Abs(target), shuffled);
        return Json(a) == Json(b);
    }

    [Fact]
    public void AnEmptySoa_CoversNothing()
    {
        foreach (var index in Enumerable.Range(0, Targets.Length))
        {
            Analyse(index, StatementOfApplicability.Empty).Results
                .ShouldAllBe(r => r.Status == CoverageStatus.NotCovered || r.Status == CoverageStatus.OtSpecific, Targets[index].Target.ToString());
        }
    }

    [Fact]
    public void AFullyImplementedSoa_CoversEveryRequirementWithAnEqualOrSupersetRow()
    {
        var full = new StatementOfApplicability(Controls.Select(id => new SoaEntry { ControlId = id, Applicable = true, Implementation = ImplementationStatus.Implemented }));
        foreach (var index in Enumerable.Range(0, Targets.Length))
        {
            var (_, _, set) = Targets[index];
            var strong = set.Mappings.Where(m => m.Relationship is Relationship.Equal or Relationship.SupersetOf && m.TargetId is not null
                && Iso.Find(m.SourceId)!.Kind == RequirementKind.Control).Select(m => m.TargetId!).ToHashSet();
            var results = Analyse(index, full).Results;
            results.Where(r => strong.Contains(r.Requirement.Id)).ShouldAllBe(r => r.Status == CoverageStatus.Covered);
            results.ShouldAllBe(r => r.Status != CoverageStatus.NotApplicable);
        }
    }

    [Property(MaxTest = 30)]
    public bool JsonOutput_IsStable(int seed, int target)
    {
        var soa = RandomSoa(seed);
        return Json(Analyse(Math.Abs(target), soa)) == Json(Analyse(Math.Abs(target), soa));
    }

    [Fact]
    public void ExcludingEveryMappedControl_MakesTheRequirementNotApplicable()
    {
        var (target, catalog, set) = Targets.First(t => t.Catalog.Id.Value == "iec62443-2-1-2024");
        var requirement = set.Mappings.First(m => m.TargetId is not null && m.Relationship != Relationship.NoRelationship && Iso.Find(m.SourceId)!.Kind == RequirementKind.Control).TargetId!;
        var sources = set.Mappings.Where(m => m.TargetId == requirement && m.Relationship != Relationship.NoRelationship).Select(m => m.SourceId).ToList();
        if (sources.Any(s => Iso.Find(s)!.Kind == RequirementKind.Clause))
        {
            return; // clause rows are never excluded by an SoA; this requirement cannot become not applicable
        }

        var soa = new StatementOfApplicability(sources.Select(s => new SoaEntry { ControlId = s, Applicable = false, Justification = "no OT" }));

        var result = GapCalculator.Analyse(target, catalog, Iso, set, soa, []).Results.Single(r => r.Requirement.Id == requirement);

        result.Status.ShouldBe(CoverageStatus.NotApplicable);
        result.Evidence.ShouldAllBe(e => e.SoaState == "excluded");
    }

    private static string Json(GapReport report)
    {
        using var stream = new MemoryStream();
        GapJson.Write(stream, [report]);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
