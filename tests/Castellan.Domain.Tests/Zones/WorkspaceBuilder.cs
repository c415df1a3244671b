using Castellan.Domain.Assets;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;

namespace Castellan.Domain.Tests.Zones;

/// <summary>Small, valid workspaces for rule tests: one site, a few zones, conduits between neighbours.</summary>
internal static class WorkspaceBuilder
{
    public static readonly SlVector Two = SlVector.Uniform(2);

    public static Zone Zone(string id, PurdueLevel purdue, SlVector? slt = null, bool safety = false, string? network = null) => new()
    {
        Id = id,
        Site = "site",
        Name = id,
        Purdue = purdue,
        Safety = safety,
        Slt = slt ?? Two,
        Networks = network is null ? [] : [IpNetwork.TryParse(network, out var n) ? n : throw new ArgumentException(network)],
    };

    public static Conduit Conduit(string id, string from, string to, SlVector? slt = null, bool remote = false, Approval? approval = null) => new()
    {
        Id = id,
        Site = "site",
        Name = id,
        From = from,
        To = to,
        Slt = slt ?? Two,
        RemoteAccess = remote,
        Approval = approval,
    };

    public static Asset Asset(string id, AssetType type, string? zone, string? ip = null) => new()
    {
        Id = id,
        Name = id,
        Type = type,
        Zone = zone,
        Ips = ip is null ? [] : [IpAddress.TryParse(ip, out var a) ? a : throw new ArgumentException(ip)],
    };

    public static Workspace Plant(IEnumerable<Zone>? zones = null, IEnumerable<Conduit>? conduits = null, IEnumerable<Asset>? assets = null,
        IEnumerable<DataFlow>? flows = null, IEnumerable<RequirementResult>? results = null) => new()
    {
        Organisation = "Test",
        Sites = [new Site { Id = "site", Name = "Site" }],
        Zones = [.. zones ?? [Zone("dmz", PurdueLevel.Dmz), Zone("scada", PurdueLevel.Supervisory), Zone("control", PurdueLevel.BasicControl)]],
        Conduits = [.. conduits ?? [Conduit("dmz-scada", "dmz", "scada"), Conduit("scada-control", "scada", "control")]],
        Assets = [.. assets ?? [Asset("hmi", AssetType.Hmi, "scada"), Asset("plc", AssetType.Plc, "control")]],
        Flows = [.. flows ?? []],
        Results = [.. results ?? []],
    };
}
