namespace Castellan.Domain.GapAnalysis;

/// <summary>
/// Where an IT control does not transfer to OT as is (patching → qualification and compensating countermeasures;
/// account lockout → must not block an operator in an emergency; …). Attached to a gap result when its requirement is
/// one of <see cref="Targets"/> or one of <see cref="Controls"/> is in its chain of evidence.
/// </summary>
public sealed record TailoringNote
{
    public required string Id { get; init; }

    public required string Concern { get; init; }

    public required string Text { get; init; }

    /// <summary>ISO/IEC 27001:2022 Annex A controls the note qualifies.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];

    /// <summary>Catalog id → requirement ids the note applies to.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Targets { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public string? Source { get; init; }
}
