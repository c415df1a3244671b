using System.Globalization;
using Castellan.Core.Zones;
using Castellan.Domain.Zones;
using Castellan.Web.Zones;

namespace Castellan.Web.Conduits;

/// <summary>The conduit form as typed: channels one per line, "protocol [port] [from-to|to-from|both]".</summary>
public sealed class ConduitForm
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Channels { get; set; }
    public string? Slt { get; set; }
    public bool RemoteAccess { get; set; }
    public string? ApprovedBy { get; set; }
    public string? ApprovalDate { get; set; }
    public string? ApprovalReference { get; set; }
    public string? Description { get; set; }
    public long Version { get; set; }

    public ConduitInput ToInput() => new()
    {
        Id = Id, Name = Name, From = From, To = To, Channels = [.. FormLists.Lines(Channels?.Replace(",", "\n", StringComparison.Ordinal)).Select(Channel)],
        Slt = Slt, RemoteAccess = RemoteAccess, Approval = new ApprovalInput(ApprovedBy, ApprovalDate, ApprovalReference), Description = Description,
    };

    public static ConduitForm Of(Conduit conduit, long version)
    {
        var input = ConduitInput.Of(conduit);
        return new ConduitForm
        {
            Id = conduit.Id, Name = conduit.Name, From = conduit.From, To = conduit.To,
            Channels = string.Join('\n', conduit.Channels.Select(Line)), Slt = input.Slt, RemoteAccess = conduit.RemoteAccess,
            ApprovedBy = input.Approval?.By, ApprovalDate = input.Approval?.Date, ApprovalReference = input.Approval?.Reference,
            Description = conduit.Description, Version = version,
        };
    }

    public static string Line(Channel channel) =>
        string.Join(' ', new[] { channel.Protocol, channel.Port?.ToString(CultureInfo.InvariantCulture), channel.Direction }.OfType<string>());

    private static ChannelInput Channel(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int? port = null;
        string? direction = null;
        foreach (var word in words.Skip(1))
        {
            if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                port = p;
            }
            else if (direction is null)
            {
                direction = word;
            }
            else
            {
                throw new FieldException("channels", $"'{line}': write 'protocol [port] [from-to|to-from|both]'");
            }
        }

        return new ChannelInput(words[0], port, direction);
    }
}
