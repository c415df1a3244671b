using System.Globalization;
using Castellan.Core.Zones;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;

namespace Castellan.Web.Zones;

/// <summary>A zone in the API: the fields of the workspace YAML (docs/workspace.md), its version, and on reads SL-A and the asset count.</summary>
public sealed record ZoneDocument
{
    public string? Id { get; init; }
    public string? Site { get; init; }
    public string? Name { get; init; }
    public string? Purdue { get; init; }
    public bool Safety { get; init; }
    public string? Criticality { get; init; }
    public string? Accountable { get; init; }
    public string? System { get; init; }
    public IReadOnlyList<string>? Networks { get; init; }
    public IReadOnlyList<string>? EssentialFunctions { get; init; }
    public string? Slt { get; init; }
    public string? SltMethod { get; init; }
    public string? SltRationale { get; init; }
    public string? Description { get; init; }

    /// <summary>On writes: the version you read (required to edit). On reads: the version stored.</summary>
    public long? Version { get; init; }

    /// <summary>Read only: the achieved level per FR, computed from the requirement results.</summary>
    public string? Sla { get; init; }

    /// <summary>Read only.</summary>
    public int? Assets { get; init; }

    public ZoneInput ToInput() => new()
    {
        Id = Id, Name = Name, Purdue = Purdue, Safety = Safety, Criticality = Criticality, Accountable = Accountable, System = System,
        Networks = Networks, EssentialFunctions = EssentialFunctions, Slt = Slt, SltMethod = SltMethod, SltRationale = SltRationale, Description = Description,
    };

    public static ZoneDocument Of(Zone zone, long version, ZoneLevels? levels, int? assets)
    {
        var input = ZoneInput.Of(zone);
        return new ZoneDocument
        {
            Id = zone.Id, Site = zone.Site, Name = zone.Name, Purdue = input.Purdue, Safety = zone.Safety, Criticality = zone.Criticality,
            Accountable = zone.Accountable, System = zone.System, Networks = input.Networks, EssentialFunctions = zone.EssentialFunctions,
            Slt = input.Slt, SltMethod = input.SltMethod, SltRationale = input.SltRationale, Description = zone.Description,
            Version = version, Sla = levels?.Sla.ToString(), Assets = assets,
        };
    }
}

/// <summary>A conduit in the API: the fields of the workspace YAML and its version.</summary>
public sealed record ConduitDocument
{
    public string? Id { get; init; }
    public string? Site { get; init; }
    public string? Name { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public IReadOnlyList<ChannelInput>? Channels { get; init; }
    public string? Slt { get; init; }
    public bool RemoteAccess { get; init; }
    public ApprovalInput? Approval { get; init; }
    public string? Description { get; init; }
    public long? Version { get; init; }

    public ConduitInput ToInput() => new()
    {
        Id = Id, Name = Name, From = From, To = To, Channels = Channels, Slt = Slt, RemoteAccess = RemoteAccess, Approval = Approval, Description = Description,
    };

    public static ConduitDocument Of(Conduit conduit, long version)
    {
        var input = ConduitInput.Of(conduit);
        return new ConduitDocument
        {
            Id = conduit.Id, Site = conduit.Site, Name = conduit.Name, From = conduit.From, To = conduit.To, Channels = input.Channels,
            Slt = input.Slt, RemoteAccess = conduit.RemoteAccess, Approval = input.Approval, Description = conduit.Description, Version = version,
        };
    }
}

/// <summary>A page of a list in the API.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Offset, int Size);

internal static class Texts
{
    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
