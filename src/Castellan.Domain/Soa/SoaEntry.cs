namespace Castellan.Domain.Soa;

/// <summary>
/// One line of a Statement of Applicability for an ISO/IEC 27001:2022 Annex A control (id "A.5.15").
/// An excluded control (<see cref="Applicable"/> false) keeps its justification; its implementation status is ignored.
/// </summary>
public sealed record SoaEntry
{
    public required string ControlId { get; init; }

    public required bool Applicable { get; init; }

    /// <summary>Justification for inclusion or exclusion.</summary>
    public string? Justification { get; init; }

    public ImplementationStatus Implementation { get; init; } = ImplementationStatus.NotImplemented;

    public string? Owner { get; init; }

    public string? Evidence { get; init; }

    public string? Notes { get; init; }

    /// <summary>The ISO/IEC 27001:2013 id this entry was converted from, when the SoA used 2013 numbering.</summary>
    public string? ConvertedFrom { get; init; }

    /// <summary>An applicable control counts for coverage only at the level it is implemented.</summary>
    public bool IsImplemented => Applicable && Implementation == ImplementationStatus.Implemented;

    public bool IsPartlyImplemented => Applicable && Implementation == ImplementationStatus.PartiallyImplemented;
}

/// <summary>A Statement of Applicability: at most one entry per Annex A control.</summary>
public sealed class StatementOfApplicability
{
    private readonly Dictionary<string, SoaEntry> _byControl;

    public StatementOfApplicability(IEnumerable<SoaEntry> entries)
    {
        _byControl = new Dictionary<string, SoaEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!_byControl.TryAdd(entry.ControlId, entry))
            {
                throw new ArgumentException($"control '{entry.ControlId}' appears twice in the Statement of Applicability", nameof(entries));
            }
        }
    }

    public static StatementOfApplicability Empty { get; } = new([]);

    public IReadOnlyCollection<SoaEntry> Entries => _byControl.Values;

    public SoaEntry? Find(string controlId) => _byControl.GetValueOrDefault(controlId);

    public StatementOfApplicability With(SoaEntry entry) =>
        new(_byControl.Values.Where(e => e.ControlId != entry.ControlId).Append(entry));
}
