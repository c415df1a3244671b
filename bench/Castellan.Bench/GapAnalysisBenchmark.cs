using BenchmarkDotNet.Attributes;
using Castellan.Core.Catalogs;
using Castellan.Domain.Catalogs;
using Castellan.Domain.GapAnalysis;
using Castellan.Domain.Mappings;
using Castellan.Domain.Soa;

namespace Castellan.Bench;

/// <summary>
/// The gap analysis itself (GapCalculator.Analyse, catalogs and mappings already loaded) for a 93-row SoA, per target.
/// Goal: ≤ 1 ms per target. The SoA is deterministic: a realistic mix of implemented, partial, planned and excluded.
/// </summary>
[MemoryDiagnoser]
public class GapAnalysisBenchmark
{
    private Catalog _iso = null!;
    private StatementOfApplicability _soa = null!;
    private IReadOnlyList<Domain.GapAnalysis.TailoringNote> _notes = null!;
    private Dictionary<string, (GapTarget Target, Catalog Catalog, MappingSet? Set)> _targets = null!;

    [Params("iec62443-3-3-2013@SL4", "iec62443-4-2-2019@SL4", "iec62443-2-1-2024@ML4")]
    public string Target { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var shipped = ShippedCatalogs.Instance;
        _iso = shipped.Find(new CatalogId("iso27001-2022"))!;
        _notes = shipped.TailoringNotes;
        var random = new Random(42);
        _soa = new StatementOfApplicability(_iso.Requirements.Where(r => r.Kind == RequirementKind.Control).Select(r => new SoaEntry
        {
            ControlId = r.Id,
            Applicable = random.Next(10) > 0,
            Justification = "risk assessment",
            Implementation = (ImplementationStatus)random.Next(4),
        }));
        _targets = [];
        foreach (var text in new[] { "iec62443-3-3-2013@SL4", "iec62443-4-2-2019@SL4", "iec62443-2-1-2024@ML4" })
        {
            if (!GapTarget.TryParse(text, out var target, out var error))
            {
                throw new InvalidOperationException(error);
            }

            var catalog = shipped.Find(target!.Catalog)!;
            _targets[text] = (target, catalog, shipped.MappingSets.FirstOrDefault(s => s.Header.Source == _iso.Id && s.Header.Target == catalog.Id));
        }
    }

    [Benchmark]
    public GapReport Analyse()
    {
        var (target, catalog, set) = _targets[Target];
        return GapCalculator.Analyse(target, catalog, _iso, set, _soa, _notes);
    }
}
