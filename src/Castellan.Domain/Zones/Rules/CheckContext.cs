using Castellan.Domain.Assets;
using Castellan.Domain.Catalogs;
using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Zones.Rules;

/// <summary>The workspace with the indexes every rule needs, built once (rules stay linear in the size of the estate).</summary>
public sealed class CheckContext
{
    public CheckContext(Workspace workspace, Catalog systemRequirements, DateOnly today)
    {
        Workspace = workspace;
        SystemRequirements = systemRequirements;
        Today = today;
        Zones = workspace.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        Assets = workspace.Assets.ToDictionary(a => a.Id, StringComparer.Ordinal);
        AssetsByZone = workspace.Assets.Where(a => a.Zone is not null).ToLookup(a => a.Zone!, StringComparer.Ordinal);
        ConduitPairs = workspace.Conduits.SelectMany(c => new[] { (c.From, c.To), (c.To, c.From) }).ToHashSet();
        Networks = new NetworkIndex(workspace.Zones);

        var results = workspace.Results.ToLookup(r => r.Scope, StringComparer.Ordinal);
        var byFr = AchievedLevels.ByFoundationalRequirement(systemRequirements);
        Levels = workspace.Zones.ToDictionary(z => z.Id, z => AchievedLevels.Compute(
            z,
            results["zone:" + z.Id].GroupBy(r => r.Requirement, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Status, StringComparer.Ordinal),
            systemRequirements, AssetsByZone[z.Id], byFr), StringComparer.Ordinal);
    }

    public Workspace Workspace { get; }

    public Catalog SystemRequirements { get; }

    public DateOnly Today { get; }

    public IReadOnlyDictionary<string, Zone> Zones { get; }

    public IReadOnlyDictionary<string, Asset> Assets { get; }

    public ILookup<string, Asset> AssetsByZone { get; }

    /// <summary>(a, b) for every conduit joining zone (or external network) a and b, both ways.</summary>
    public IReadOnlySet<(string, string)> ConduitPairs { get; }

    public NetworkIndex Networks { get; }

    public IReadOnlyDictionary<string, ZoneLevels> Levels { get; }
}

/// <summary>Which zones' declared networks contain an address: sorted ranges, binary search.</summary>
public sealed class NetworkIndex
{
    private readonly (IpNetwork Network, string Zone)[] _ranges;

    public NetworkIndex(IEnumerable<Zone> zones)
    {
        _ranges = [.. zones.SelectMany(z => z.Networks.Select(n => (n, z.Id))).OrderBy(r => r.n.First.Value).ThenBy(r => r.Id, StringComparer.Ordinal)];
        _maxSpan = _ranges.Length == 0 ? UInt128.Zero : _ranges.Max(r => r.Network.Last.Value - r.Network.First.Value);
    }

    private readonly UInt128 _maxSpan;

    /// <summary>The zones whose networks contain <paramref name="address"/>.</summary>
    public IEnumerable<string> ZonesOf(IpAddress address)
    {
        // Every range that can contain the address starts within [address - maxSpan, address].
        var low = address.Value >= _maxSpan ? address.Value - _maxSpan : UInt128.Zero;
        var index = LowerBound(low);
        var found = new List<string>();
        for (; index < _ranges.Length && _ranges[index].Network.First.Value <= address.Value; index++)
        {
            if (_ranges[index].Network.Contains(address))
            {
                found.Add(_ranges[index].Zone);
            }
        }

        return found;
    }

    private int LowerBound(UInt128 value)
    {
        int lo = 0, hi = _ranges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_ranges[mid].Network.First.Value < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
