using Castellan.Domain.Assets;
using Castellan.Domain.SecurityLevels;

namespace Castellan.Domain.Zones;

/// <summary>A plant: the organisation's site, holding systems under consideration, zones, conduits and assets.</summary>
public sealed record Site
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<SystemUnderConsideration> Systems { get; init; } = [];
}

/// <summary>IEC 62443-3-2 ZCR 1: the system under consideration, its perimeter and access points.</summary>
public sealed record SystemUnderConsideration
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Perimeter { get; init; }

    public IReadOnlyList<string> AccessPoints { get; init; } = [];
}

/// <summary>How a target security level was set (IEC 62443-3-2 ZCR 5.6 leaves the method to the asset owner).</summary>
public sealed record SltBasis(string Method, string? Rationale);

/// <summary>
/// A security zone (IEC 62443-3-2 ZCR 3): assets sharing security requirements, with a target security level per FR.
/// </summary>
public sealed record Zone
{
    public required string Id { get; init; }

    public required string Site { get; init; }

    public required string Name { get; init; }

    public required PurdueLevel Purdue { get; init; }

    /// <summary>Holds a safety instrumented system (IEC 62443-3-2 ZCR 3.3).</summary>
    public bool Safety { get; init; }

    /// <summary>low, medium, high, critical.</summary>
    public string? Criticality { get; init; }

    public string? Accountable { get; init; }

    public IReadOnlyList<IpNetwork> Networks { get; init; } = [];

    /// <summary>IEC 62443-3-3 §4.2: the functions that must keep working (view, control, safety).</summary>
    public IReadOnlyList<string> EssentialFunctions { get; init; } = [];

    public SlVector? Slt { get; init; }

    public SltBasis? SltBasis { get; init; }

    public string? System { get; init; }

    public string? Description { get; init; }
}

/// <summary>One kind of traffic a conduit carries.</summary>
public sealed record Channel(string Protocol, int? Port, string Direction);

/// <summary>Who approved remote access through a conduit, and when (IEC 62443-3-3 SR 1.13 RE 1).</summary>
public sealed record Approval(string By, DateOnly? Date, string? Reference);

/// <summary>
/// A conduit (IEC 62443-3-2 ZCR 3.1): the communication channels between two zones, or between a zone and an external
/// network (written "external:NAME").
/// </summary>
public sealed record Conduit
{
    public const string ExternalPrefix = "external:";

    public required string Id { get; init; }

    public required string Site { get; init; }

    public required string Name { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public IReadOnlyList<Channel> Channels { get; init; } = [];

    public SlVector? Slt { get; init; }

    public bool RemoteAccess { get; init; }

    public Approval? Approval { get; init; }

    public string? Description { get; init; }

    public bool IsExternal => From.StartsWith(ExternalPrefix, StringComparison.Ordinal) || To.StartsWith(ExternalPrefix, StringComparison.Ordinal);

    public IEnumerable<string> Zones => new[] { From, To }.Where(e => !e.StartsWith(ExternalPrefix, StringComparison.Ordinal));

    public bool Joins(string a, string b) => (From == a && To == b) || (From == b && To == a);
}

/// <summary>Declared or observed communication between two assets (or an asset and an external network).</summary>
public sealed record DataFlow(string From, string To, string? Protocol, int? Port);

public enum ResultStatus
{
    Met,
    NotMet,

    /// <summary>Met by a compensating countermeasure (IEC 62443-3-3 §4.3), recorded with its rationale.</summary>
    Compensated,
    NotApplicable,
}

public static class ResultStatusNames
{
    public static string ToWire(this ResultStatus status) => status switch
    {
        ResultStatus.Met => "met",
        ResultStatus.NotMet => "not-met",
        ResultStatus.Compensated => "compensated",
        ResultStatus.NotApplicable => "not-applicable",
    };

    public static bool TryParse(string? text, out ResultStatus status) => WireNames.TryParse(text, ToWire, out status);

    /// <summary>Counts toward the achieved security level.</summary>
    public static bool Satisfies(this ResultStatus status) => status is ResultStatus.Met or ResultStatus.Compensated or ResultStatus.NotApplicable;
}

/// <summary>The outcome of one IEC 62443-3-3 SR or RE for a zone or conduit (scope "zone:ID" / "conduit:ID").</summary>
public sealed record RequirementResult
{
    public required string Scope { get; init; }

    public required string Requirement { get; init; }

    public required ResultStatus Status { get; init; }

    public string? Countermeasure { get; init; }

    public string? Rationale { get; init; }

    public string? Evidence { get; init; }

    /// <summary>Who assessed the requirement (a person or organisation).</summary>
    public string? Assessor { get; init; }

    /// <summary>When it was assessed.</summary>
    public DateOnly? Assessed { get; init; }
}
