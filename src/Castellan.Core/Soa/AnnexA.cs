using Castellan.Core.Catalogs;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Soa;

/// <summary>
/// The Annex A controls of ISO/IEC 27001:2022 in catalog order, those of the 2013 edition, and the correspondence
/// between them (ISO/IEC 27002:2022 Annex B), from the shipped catalogs.
/// </summary>
public sealed class AnnexA
{
    private static readonly Lazy<AnnexA> Loaded = new(Load);

    private readonly Dictionary<string, int> _order2022;
    private readonly Catalog? _catalog2013;
    private readonly ILookup<string, string>? _targets;

    private AnnexA(IReadOnlyList<Requirement> controls2022, Catalog? catalog2013, ILookup<string, string>? targets)
    {
        Controls2022 = controls2022;
        _order2022 = new Dictionary<string, int>(controls2022.Count, StringComparer.Ordinal);
        for (var i = 0; i < controls2022.Count; i++)
        {
            _order2022[controls2022[i].Id] = i;
        }

        _catalog2013 = catalog2013;
        _targets = targets;
    }

    public static AnnexA Shipped => Loaded.Value;

    /// <summary>The 93 controls A.5.1 … A.8.34 in the order of the standard.</summary>
    public IReadOnlyList<Requirement> Controls2022 { get; }

    public bool Is2022Control(string id) => _order2022.ContainsKey(id);

    public int Order(string id2022) => _order2022[id2022];

    public bool Is2013Control(string id) => Catalog2013.Find(id)?.Kind == RequirementKind.Control;

    /// <summary>A 2013 control objective such as "A.9.2" (a heading in a 2013 SoA, not a control).</summary>
    public bool Is2013Objective(string id) => Catalog2013.Find(id)?.Kind == RequirementKind.Group;

    /// <summary>The 2022 controls a 2013 control corresponds to: usually one, sometimes several (A.18.2.3 → A.5.36, A.8.8).</summary>
    public IReadOnlyList<string> TargetsOf2013(string id) => [.. (_targets ?? throw Without2013())[id]];

    private Catalog Catalog2013 => _catalog2013 ?? throw Without2013();

    public static readonly CatalogId Id2022 = new("iso27001-2022");

    public static readonly CatalogId Id2013 = new("iso27001-2013");

    private static AnnexA Load()
    {
        var shipped = ShippedCatalogs.Instance;
        var catalog2022 = shipped.Find(Id2022) ?? throw new InvalidOperationException("the iso27001-2022 catalog is not shipped");
        var catalog2013 = shipped.Find(Id2013) ?? throw new InvalidOperationException("the iso27001-2013 catalog is not shipped");
        return From(catalog2022, catalog2013, shipped.MappingSets.Single(m => m.Header.Source == catalog2013.Id && m.Header.Target == catalog2022.Id));
    }

    /// <summary>
    /// The 2022 controls alone, for a Statement of Applicability in 2022 numbering (<see cref="SoaReader.Sheet.From2013"/>
    /// false): asking it about 2013 numbering is a programming error.
    /// </summary>
    public static AnnexA From2022(Catalog catalog2022) =>
        new([.. catalog2022.Requirements.Where(r => r.Kind == RequirementKind.Control)], null, null);

    private static InvalidOperationException Without2013() =>
        new("Annex A was loaded without its ISO/IEC 27001:2013 part (AnnexA.From2022), for a file in 2022 numbering");

    /// <summary>From catalogs already at hand (e.g. read from the database), without parsing the shipped files.</summary>
    public static AnnexA From(Catalog catalog2022, Catalog catalog2013, MappingSet correspondence)
    {
        var controls = catalog2022.Requirements.Where(r => r.Kind == RequirementKind.Control).ToList();
        var targets = correspondence.Mappings.Where(m => m.TargetId is not null).ToLookup(m => m.SourceId, m => m.TargetId!, StringComparer.Ordinal);
        return new AnnexA(controls, catalog2013, targets);
    }
}
