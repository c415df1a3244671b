using Castellan.Core.Catalogs;
using Castellan.Domain.Catalogs;
using Castellan.Domain.GapAnalysis;
using Castellan.Domain.Risk;
using Castellan.Domain.Soa;
using FsCheck.Xunit;
using static Castellan.Domain.Tests.Risk.RiskSamples;

namespace Castellan.Domain.Tests.Risk;

/// <summary>The gap analysis ordered by the risk a gap leaves: same actions, worst risk first, default order otherwise.</summary>
public sealed class GapRiskOrderTests
{
    private static readonly ShippedCatalogs Shipped = ShippedCatalogs.Instance;
    private static readonly Catalog Iso = Shipped.Find(new CatalogId("iso27001-2022"))!;
    private static readonly Catalog Sr = Shipped.Find(new CatalogId("iec62443-3-3-2013"))!;
    private static readonly GapTarget Target = new(Sr.Id, "SL", 2);

    private static GapReport Analyse(StatementOfApplicability soa, IReadOnlyDictionary<string, GapRiskWeights.Weight>? weights) =>
        GapCalculator.Analyse(Target, Sr, Iso, Shipped.MappingSets.Single(s => s.Header.Source == Iso.Id && s.Header.Target == Sr.Id), soa,
            Shipped.TailoringNotes, new GapCalculator.Options { RiskWeights = weights });

    private static readonly RiskRegister Register = RiskSamples.Register(
        Scenario("r-low", "zone:z", "possible", "serious", "rare", "minor", treatment: new Treatment { Decision = TreatmentDecision.Mitigate, Controls = ["SR 7.6"] }),
        Scenario("r-high", "zone:z", "likely", "major", "possible", "major", treatment: new Treatment { Decision = TreatmentDecision.Mitigate, Controls = ["SR 2.6"] }));

    [Fact]
    public void WithARegister_TheWorstResidualRiskComesFirst()
    {
        var actions = Analyse(StatementOfApplicability.Empty, GapRiskWeights.From(Register)).Actions;

        actions[0].RequirementId.ShouldBe("SR 2.6");
        actions[0].Risk.ShouldBe("r-high (high)");
        actions[1].RequirementId.ShouldBe("SR 7.6");
        actions.Skip(2).ShouldAllBe(a => a.Risk == null);
    }

    [Property(MaxTest = 30)]
    public bool WithARegister_TheActionsAreTheSame_AndUnweightedOnesKeepTheirOrder(int seed)
    {
        var random = new Random(seed);
        var soa = new StatementOfApplicability(Iso.Requirements.Where(r => r.Kind == RequirementKind.Control && random.Next(3) > 0).Select(r => new SoaEntry
        {
            ControlId = r.Id, Applicable = true, Justification = "test", Implementation = (ImplementationStatus)random.Next(4),
        }));
        var plain = Analyse(soa, null).Actions;
        var weighted = Analyse(soa, GapRiskWeights.From(Register)).Actions;

        return plain.Select(a => a.RequirementId).Order(StringComparer.Ordinal).SequenceEqual(weighted.Select(a => a.RequirementId).Order(StringComparer.Ordinal))
            && plain.All(a => a.Risk is null)
            && plain.Select(a => a.RequirementId).Where(id => weighted.Single(w => w.RequirementId == id).Risk is null)
                .SequenceEqual(weighted.Where(w => w.Risk is null).Select(w => w.RequirementId));
    }
}
