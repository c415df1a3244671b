using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Mappings;

/// <summary>
/// Everything mapped to and from one requirement, across every mapping set: the rows where it is the source, and —
/// derived, never stored twice — the rows where it is the target, with the relationship read from its side.
/// </summary>
public sealed class ShowMappings(DatabaseTarget database)
{
    public sealed record Link(string Direction, string MappingSet, string OtherCatalog, string OtherId, string OtherTitle,
        string Relationship, int? Strength, string Provenance, VerificationStatus Status, string? Rationale);

    public sealed record Subject(Catalog Catalog, Requirement Requirement, IReadOnlyList<Link> Links, OtSpecificRequirement? OtSpecific, string? OtSpecificSet);

    public async Task<IReadOnlyList<Subject>> RunAsync(string id, string? catalogId, CancellationToken cancellationToken = default)
    {
        await using var connection = await SqlReads.OpenAsync(database, cancellationToken);
        var ids = await SqlReads.CatalogIdsAsync(connection, cancellationToken);
        if (catalogId is not null && !ids.Contains(catalogId))
        {
            throw new UsageException($"--catalog: unknown catalog '{catalogId}'; known: {string.Join(", ", ids)}");
        }

        var catalogs = new List<Catalog>();
        foreach (var each in ids)
        {
            catalogs.Add((await SqlReads.CatalogAsync(connection, each, cancellationToken))!);
        }

        var sets = await SqlReads.MappingSetsAsync(connection, catalogs, cancellationToken);
        var matches = catalogs.Where(c => catalogId is null || c.Id.Value == catalogId)
            .Select(c => (Catalog: c, Requirement: c.Find(id) ?? c.Requirements.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))))
            .Where(m => m.Requirement is not null)
            .ToList();
        if (matches.Count == 0)
        {
            throw new UsageException($"no requirement '{id}' in {(catalogId is null ? "any catalog" : $"catalog '{catalogId}'")}");
        }

        var byId = catalogs.ToDictionary(c => c.Id);
        return [.. matches.Select(m => Describe(m.Catalog, m.Requirement!, sets, byId))];
    }

    private static Subject Describe(Catalog catalog, Requirement requirement, IReadOnlyList<MappingSet> sets, Dictionary<CatalogId, Catalog> catalogs)
    {
        var links = new List<Link>();
        OtSpecificRequirement? otSpecific = null;
        string? otSet = null;
        foreach (var set in sets)
        {
            var source = catalogs[set.Header.Source];
            var target = catalogs[set.Header.Target];
            if (set.Header.Source == catalog.Id)
            {
                links.AddRange(set.Mappings.Where(m => m.SourceId == requirement.Id).Select(m => new Link(
                    "to", set.Header.Id, target.Id.Value, m.TargetId ?? "—", m.TargetId is null ? "(no counterpart)" : target.Find(m.TargetId)?.Title ?? "",
                    m.Relationship.ToWire(), m.Strength, m.Provenance, m.Status, m.Rationale)));
            }

            if (set.Header.Target == catalog.Id)
            {
                links.AddRange(set.Mappings.Where(m => m.TargetId == requirement.Id).Select(m => new Link(
                    "from", set.Header.Id, source.Id.Value, m.SourceId, source.Find(m.SourceId)?.Title ?? "",
                    m.Relationship.ReverseWire(), m.Strength, m.Provenance, m.Status, m.Rationale)));
                if (set.OtSpecific.FirstOrDefault(o => o.TargetId == requirement.Id) is { } marked)
                {
                    (otSpecific, otSet) = (marked, set.Header.Id);
                }
            }
        }

        return new Subject(catalog, requirement, links, otSpecific, otSet);
    }
}
