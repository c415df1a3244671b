using System.Globalization;
using System.Text;
using System.Text.Json;
using Castellan.Cli.Output;
using Castellan.Network.Discovery;
using Castellan.Network.Packets;
using Castellan.Network.Protocols;

namespace Castellan.Cli.Discovery;

/// <summary>
/// The discovery result as JSON ({"devices", "conversations", "findings", "stats"}, stable order), CSV (a devices
/// table, an empty line, a conversations table) or aligned text tables.
/// </summary>
internal static class DiscoveryOutput
{
    public static void WriteJson(TextWriter output, DiscoveryResult result, IReadOnlyList<Castellan.Domain.Zones.Rules.Finding> findings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("devices");
            foreach (var device in result.Devices)
            {
                Device(json, device);
                Drain(json, buffer, output);
            }

            json.WriteEndArray();
            json.WriteStartArray("conversations");
            foreach (var conversation in result.Conversations)
            {
                Conversation(json, conversation);
                Drain(json, buffer, output);
            }

            json.WriteEndArray();

            // Conformance findings against zones and conduits (with --workspace), in the shape of `castellan check`.
            Castellan.Core.Zones.CheckJson.WriteFindings(json, findings);
            Stats(json, result.Stats);
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.WriteLine();
    }

    /// <summary>Hands what is written so far to the output, so memory does not grow with the result.</summary>
    private static void Drain(Utf8JsonWriter json, MemoryStream buffer, TextWriter output)
    {
        if (json.BytesPending + buffer.Length < 1 << 20)
        {
            return;
        }

        json.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        buffer.SetLength(0);
    }

    private static void Device(Utf8JsonWriter json, DiscoveredDevice d)
    {
        json.WriteStartObject();
        Optional(json, "ip", d.Ip.IsNone ? null : d.Ip.ToString());
        Optional(json, "mac", d.Mac.IsNone ? null : d.Mac.ToString());
        json.WriteString("role", d.Role.ToWire());
        Strings(json, "evidence", d.Evidence);
        var identity = d.Identity;
        Optional(json, "vendor", identity?.Vendor);
        Optional(json, "product", identity?.Product);
        Optional(json, "productCode", identity?.ProductCode);
        Optional(json, "deviceType", identity?.DeviceType);
        Optional(json, "orderNumber", identity?.OrderNumber);
        Optional(json, "firmware", identity?.Firmware);
        Optional(json, "serialNumber", identity?.SerialNumber);
        Optional(json, "name", identity?.Name);
        Protocols(json, "serves", d.Serves);
        Protocols(json, "uses", d.Uses);
        json.WriteNumber("packets", d.Packets);
        json.WriteNumber("bytes", d.Bytes);
        Optional(json, "firstSeen", Time(d.FirstSeenNs));
        Optional(json, "lastSeen", Time(d.LastSeenNs));
        json.WriteEndObject();
    }

    private static void Conversation(Utf8JsonWriter json, Conversation c)
    {
        json.WriteStartObject();
        Endpoint(json, "client", c.Client, c.Transport);
        Endpoint(json, "server", c.Server, c.Transport);
        json.WriteString("transport", c.Transport.ToWire());
        if (c.Transport == Transport.Ethernet)
        {
            json.WriteString("etherType", "0x" + c.EtherType.ToString("x4", CultureInfo.InvariantCulture));
        }
        else if (c.Transport == Transport.OtherIp)
        {
            json.WriteNumber("ipProtocol", c.IpProtocol);
        }

        json.WriteString("protocol", c.Protocol.ToWire());
        json.WriteString("identifiedBy", c.IdentifiedBy switch { Identification.Payload => "payload", Identification.Port => "port", Identification.None => "none" });
        json.WriteNumber("packets", c.Packets);
        json.WriteNumber("bytes", c.Bytes);
        json.WriteNumber("clientPackets", c.ClientPackets);
        json.WriteNumber("serverPackets", c.ServerPackets);
        json.WriteNumber("clientBytes", c.ClientBytes);
        json.WriteNumber("serverBytes", c.ServerBytes);
        Optional(json, "firstSeen", Time(c.FirstSeenNs));
        Optional(json, "lastSeen", Time(c.LastSeenNs));
        Operations(json, "operations", c.Operations, notableOnly: false);
        Operations(json, "notable", c.Operations, notableOnly: true);
        json.WriteEndObject();
    }

    private static void Endpoint(Utf8JsonWriter json, string name, Castellan.Network.Discovery.Endpoint e, Transport transport)
    {
        json.WriteStartObject(name);
        Optional(json, "ip", e.Ip.IsNone ? null : e.Ip.ToString());
        if (transport is Transport.Tcp or Transport.Udp)
        {
            json.WriteNumber("port", e.Port);
        }

        Optional(json, "mac", e.Mac.IsNone ? null : e.Mac.ToString());
        json.WriteEndObject();
    }

    private static void Stats(Utf8JsonWriter json, DiscoveryStats s)
    {
        json.WriteStartObject("stats");
        json.WriteNumber("packets", s.Packets);
        json.WriteNumber("bytes", s.Bytes);
        json.WriteNumber("skipped", s.Skipped);
        json.WriteNumber("malformed", s.Malformed);
        json.WriteNumber("fragments", s.Fragments);
        json.WriteNumber("untracked", s.Untracked);
        json.WriteStartArray("inputs");
        foreach (var input in s.Inputs)
        {
            json.WriteStartObject();
            json.WriteString("path", input.Path);
            json.WriteString("format", input.Format);
            json.WriteNumber("packets", input.Packets);
            json.WriteNumber("bytes", input.Bytes);
            json.WriteNumber("skipped", input.Skipped);
            if (input.Format == "zeek")
            {
                json.WriteNumber("rows", input.Rows);
            }

            json.WriteStartArray("linkTypes");
            foreach (var linkType in input.LinkTypes)
            {
                json.WriteNumberValue(linkType);
            }

            json.WriteEndArray();
            Optional(json, "error", input.Error);
            Strings(json, "warnings", input.Warnings);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteCsv(TextWriter output, DiscoveryResult result)
    {
        CsvWriter.Write(output, DeviceHeaders, result.Devices.Select(d => DeviceRow(d, string.Join("; ", d.Evidence))));
        output.Write("\r\n");
        CsvWriter.Write(output, ConversationHeaders, result.Conversations.Select(c => ConversationRow(c, string.Join("; ", c.Operations.Select(o => o.Describe())))));
    }

    public static void WriteTable(TextWriter output, DiscoveryResult result)
    {
        output.WriteLine($"Devices ({result.Devices.Count})");
        TableWriter.Write(output, DeviceHeaders, result.Devices.Select(d => DeviceRow(d, string.Join("; ", d.Evidence))), maxLastColumn: 100);
        output.WriteLine();
        output.WriteLine($"Conversations ({result.Conversations.Count})");
        TableWriter.Write(output, ConversationHeaders, result.Conversations.Select(c => ConversationRow(c, string.Join("; ", c.Operations.Where(o => o.IsNotable()).Select(o => o.Describe())))), maxLastColumn: 100);
        output.WriteLine();
        var s = result.Stats;
        output.WriteLine($"{s.Packets} packet(s), {s.Bytes} byte(s) read from {s.Inputs.Count} input(s); {s.Skipped} skipped, {s.Malformed} malformed protocol header(s), {s.Fragments} IP fragment(s).");
    }

    private static readonly string[] DeviceHeaders = ["ip", "mac", "role", "vendor", "product", "firmware", "serial", "name", "serves", "uses", "packets", "bytes", "evidence"];

    private static readonly string[] ConversationHeaders = ["client", "server", "transport", "protocol", "identified_by", "packets", "bytes", "first_seen", "last_seen", "operations"];

    private static IReadOnlyList<string> DeviceRow(DiscoveredDevice d, string evidence) =>
    [
        d.Ip.IsNone ? "" : d.Ip.ToString(), d.Mac.IsNone ? "" : d.Mac.ToString(), d.Role.ToWire(), d.Identity?.Vendor ?? "",
        d.Identity?.Product ?? d.Identity?.OrderNumber ?? "", d.Identity?.Firmware ?? "", d.Identity?.SerialNumber ?? "", d.Identity?.Name ?? "",
        string.Join(' ', d.Serves.Select(p => p.ToWire())), string.Join(' ', d.Uses.Select(p => p.ToWire())),
        d.Packets.ToString(CultureInfo.InvariantCulture), d.Bytes.ToString(CultureInfo.InvariantCulture), evidence,
    ];

    private static IReadOnlyList<string> ConversationRow(Conversation c, string operations) =>
    [
        Address(c.Client, c.Transport), Address(c.Server, c.Transport),
        c.Transport == Transport.Ethernet ? "eth/0x" + c.EtherType.ToString("x4", CultureInfo.InvariantCulture) : c.Transport == Transport.OtherIp ? "ip/" + c.IpProtocol.ToString(CultureInfo.InvariantCulture) : c.Transport.ToWire(),
        c.Protocol.ToWire(), c.IdentifiedBy.ToString().ToLowerInvariant(),
        c.Packets.ToString(CultureInfo.InvariantCulture), c.Bytes.ToString(CultureInfo.InvariantCulture), Time(c.FirstSeenNs) ?? "", Time(c.LastSeenNs) ?? "", operations,
    ];

    private static string Address(Castellan.Network.Discovery.Endpoint e, Transport transport)
    {
        if (transport == Transport.Ethernet)
        {
            return e.Mac.ToString();
        }

        var ip = e.Ip.IsIPv4 ? e.Ip.ToString() : "[" + e.Ip + "]";
        return transport is Transport.Tcp or Transport.Udp ? ip + ":" + e.Port.ToString(CultureInfo.InvariantCulture) : ip;
    }

    /// <summary>ISO 8601 UTC with microseconds; null when the capture carried no time (0).</summary>
    private static string? Time(long ns) =>
        ns <= 0 || ns == long.MaxValue ? null : DateTime.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    // Loops rather than LINQ over our enums: each such operator is code compiled when a run starts (see DeviceBuilder).
    private static void Protocols(Utf8JsonWriter json, string name, IReadOnlyList<ProtocolId> protocols)
    {
        json.WriteStartArray(name);
        for (var i = 0; i < protocols.Count; i++)
        {
            json.WriteStringValue(protocols[i].ToWire());
        }

        json.WriteEndArray();
    }

    private static void Operations(Utf8JsonWriter json, string name, IReadOnlyList<Operation> operations, bool notableOnly)
    {
        json.WriteStartArray(name);
        for (var i = 0; i < operations.Count; i++)
        {
            if (!notableOnly || operations[i].IsNotable())
            {
                json.WriteStringValue(operations[i].Describe());
            }
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
