using System.Globalization;
using Castellan.Core.Common;
using Castellan.Domain.Assets;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;

namespace Castellan.Core.Zones;

/// <summary>A refused value, naming the field (as in the workspace YAML, docs/workspace.md) so a form can show it beside the input.</summary>
public sealed class FieldException(string field, string message) : InputException($"{field}: {message}")
{
    public string Field { get; } = field;

    public string Reason { get; } = message;
}

/// <summary>A zone as a form or the API hands it in: text as typed, validated by <see cref="ToZone"/> with the rules of the workspace file.</summary>
public sealed record ZoneInput
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>0, 1, 2, 3, 3.5, 4 or 5.</summary>
    public string? Purdue { get; init; }

    public bool Safety { get; init; }

    public string? Criticality { get; init; }

    public string? Accountable { get; init; }

    public string? System { get; init; }

    public IReadOnlyList<string>? Networks { get; init; }

    public IReadOnlyList<string>? EssentialFunctions { get; init; }

    /// <summary>"2 2 2 1 3 1 3": FR 1–7.</summary>
    public string? Slt { get; init; }

    public string? SltMethod { get; init; }

    public string? SltRationale { get; init; }

    public string? Description { get; init; }

    public static ZoneInput Of(Zone zone) => new()
    {
        Id = zone.Id, Name = zone.Name, Purdue = zone.Purdue.ToWire(), Safety = zone.Safety, Criticality = zone.Criticality,
        Accountable = zone.Accountable, System = zone.System, Networks = [.. zone.Networks.Select(n => n.Text)],
        EssentialFunctions = zone.EssentialFunctions, Slt = zone.Slt?.ToString(), SltMethod = zone.SltBasis?.Method,
        SltRationale = zone.SltBasis?.Rationale, Description = zone.Description,
    };

    public Zone ToZone(string site)
    {
        if (!PurdueLevelNames.TryParse(Purdue, out var purdue))
        {
            throw new FieldException("purdue", $"'{Purdue}' is not a Purdue level (0, 1, 2, 3, 3.5, 4, 5)");
        }

        var criticality = OtModelText.Optional(Criticality);
        if (criticality is not null and not ("low" or "medium" or "high" or "critical"))
        {
            throw new FieldException("criticality", $"'{criticality}' is not low, medium, high or critical");
        }

        var method = OtModelText.Optional(SltMethod);
        if (method is not null and not ("risk-reduction" or "threat-capability" or "consequence" or "manual"))
        {
            throw new FieldException("sltMethod", $"'{method}' is not risk-reduction, threat-capability, consequence or manual");
        }

        var system = OtModelText.Optional(System);
        return new Zone
        {
            Id = OtModelText.Id(Id, "id"),
            Site = site,
            Name = OtModelText.Required(Name, "name"),
            Purdue = purdue,
            Safety = Safety,
            Criticality = criticality,
            Accountable = OtModelText.Optional(Accountable),
            System = system is null ? null : OtModelText.Id(system, "system"),
            Networks = [.. OtModelText.List(Networks).Select(n => IpNetwork.TryParse(n, out var network) ? network
                : throw new FieldException("networks", $"'{n}' is not a network in CIDR notation (e.g. 10.10.20.0/24)"))],
            EssentialFunctions = OtModelText.List(EssentialFunctions),
            Slt = OtModelText.Vector(Slt, "slt"),
            SltBasis = method is null ? null : new SltBasis(method, OtModelText.Optional(SltRationale)),
            Description = OtModelText.Optional(Description),
        };
    }
}

public sealed record ChannelInput(string? Protocol, int? Port, string? Direction);

public sealed record ApprovalInput(string? By, string? Date, string? Reference);

/// <summary>A conduit as a form or the API hands it in; <see cref="ToConduit"/> validates it (the zones it joins are checked against the site by the use case).</summary>
public sealed record ConduitInput
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>A zone id of the same site, or "external:NAME".</summary>
    public string? From { get; init; }

    public string? To { get; init; }

    public IReadOnlyList<ChannelInput>? Channels { get; init; }

    public string? Slt { get; init; }

    public bool RemoteAccess { get; init; }

    public ApprovalInput? Approval { get; init; }

    public string? Description { get; init; }

    public static ConduitInput Of(Conduit conduit) => new()
    {
        Id = conduit.Id, Name = conduit.Name, From = conduit.From, To = conduit.To,
        Channels = [.. conduit.Channels.Select(c => new ChannelInput(c.Protocol, c.Port, c.Direction))],
        Slt = conduit.Slt?.ToString(), RemoteAccess = conduit.RemoteAccess,
        Approval = conduit.Approval is { } a ? new ApprovalInput(a.By, a.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Reference) : null,
        Description = conduit.Description,
    };

    public Conduit ToConduit(string site)
    {
        var from = OtModelText.Required(From, "from");
        var to = OtModelText.Required(To, "to");
        if (from == to)
        {
            throw new FieldException("to", "a conduit joins two different zones");
        }

        var channels = new List<Channel>();
        foreach (var (channel, index) in (Channels ?? []).Select((c, i) => (c, i)))
        {
            var field = $"channels[{index}]";
            var direction = OtModelText.Optional(channel.Direction) ?? "both";
            if (direction is not ("from-to" or "to-from" or "both"))
            {
                throw new FieldException(field + ".direction", $"'{direction}' is not from-to, to-from or both");
            }

            if (channel.Port is < 0 or > 65535)
            {
                throw new FieldException(field + ".port", $"{channel.Port} is not a port 0–65535");
            }

            channels.Add(new Channel(OtModelText.Required(channel.Protocol, field + ".protocol"), channel.Port, direction));
        }

        Approval? approval = null;
        if (Approval is { } a && (OtModelText.Optional(a.By) ?? OtModelText.Optional(a.Date) ?? OtModelText.Optional(a.Reference)) is not null)
        {
            DateOnly? date = null;
            if (OtModelText.Optional(a.Date) is { } text)
            {
                date = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                    : throw new FieldException("approval.date", $"'{text}' is not a date (YYYY-MM-DD)");
            }

            approval = new Approval(OtModelText.Required(a.By, "approval.by"), date, OtModelText.Optional(a.Reference));
        }

        return new Conduit
        {
            Id = OtModelText.Id(Id, "id"),
            Site = site,
            Name = OtModelText.Required(Name, "name"),
            From = from,
            To = to,
            Channels = channels,
            Slt = OtModelText.Vector(Slt, "slt"),
            RemoteAccess = RemoteAccess,
            Approval = approval,
            Description = OtModelText.Optional(Description),
        };
    }
}

/// <summary>The text rules of the workspace file (WorkspaceYaml) for values typed into a form or sent to the API.</summary>
internal static class OtModelText
{
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Required(string? text, string field) =>
        Optional(text) ?? throw new FieldException(field, "is required");

    public static string Id(string? text, string field)
    {
        var id = Required(text, field);
        return id.Length <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? id
            : throw new FieldException(field, $"'{id}' is not a valid id (letters, digits, '-', '_', '.'; at most 128)");
    }

    public static SlVector? Vector(string? text, string field) =>
        Optional(text) is not { } value ? null
            : SlVector.TryParse(value, out var vector, out var error) ? vector : throw new FieldException(field, error);

    public static IReadOnlyList<string> List(IReadOnlyList<string>? items) => [.. (items ?? []).Select(Optional).OfType<string>()];
}
