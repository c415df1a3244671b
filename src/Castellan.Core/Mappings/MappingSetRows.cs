using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Mappings;

/// <summary>A mapping set as table rows; rows keep the set's order in <see cref="MappingRow.Position"/>.</summary>
internal static class MappingSetRows
{
    /// <summary>The rows of <paramref name="set"/>; <paramref name="origin"/> is "shipped" or "imported".</summary>
    internal static MappingSetRow ToRow(MappingSet set, string origin) => new()
    {
        Id = set.Header.Id,
        SourceCatalogId = set.Header.Source.Value,
        TargetCatalogId = set.Header.Target.Value,
        Title = set.Header.Title,
        Provenance = set.Header.Provenance,
        Origin = origin,
        Mappings = [.. set.Mappings.Select((m, i) => new MappingRow
        {
            MappingSetId = set.Header.Id,
            Position = i,
            SourceId = m.SourceId,
            TargetId = m.TargetId,
            Relationship = m.Relationship.ToWire(),
            Strength = m.Strength,
            Rationale = m.Rationale,
            Provenance = m.Provenance,
            Status = m.Status.ToWire(),
        })],
        OtSpecific = [.. set.OtSpecific.Select(o => new OtSpecificRow
        {
            MappingSetId = set.Header.Id,
            TargetId = o.TargetId,
            Rationale = o.Rationale,
            Provenance = o.Provenance,
            Status = o.Status.ToWire(),
        })],
    };
}
