using Castellan.Network.Captures;
using Castellan.Network.Discovery;
using Castellan.Network.Packets;
using Castellan.Network.Protocols;
using Castellan.Network.Zeek;

namespace Castellan.Network.Fuzzing;

public delegate void FuzzTarget(ReadOnlySpan<byte> data);

/// <summary>
/// One entry point per reader and per decoder, each taking arbitrary bytes: what a fuzzer (SharpFuzz/libFuzzer) or
/// the seeded mutation tests drive. A target must return normally for every input: any exception is a bug.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Every target by name: "capture", "zeek-conn", "frame-&lt;linktype&gt;", and "decoder-&lt;name&gt;" for each protocol decoder.</summary>
    public static IReadOnlyDictionary<string, FuzzTarget> All { get; } = Build();

    /// <summary>A whole capture (pcap or pcapng by magic) through reading, decoding, conversations and devices.</summary>
    public static void Capture(ReadOnlySpan<byte> data)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        using var reader = CaptureReader.Open(stream);
        if (reader is null)
        {
            return;
        }

        var table = new TrafficTable(maxConversations: 10_000);
        CaptureAnalyzer.Read(reader, table, new InputStats("fuzz", "capture"));
        DeviceBuilder.Build(ConversationBuilder.Build(table), table.Context);
    }

    /// <summary>A Zeek log (TSV or JSON lines) through the conn.log importer.</summary>
    public static void ZeekConn(ReadOnlySpan<byte> data)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        var table = new TrafficTable(maxConversations: 10_000);
        ZeekImporter.Read(stream, ZeekLogKind.Conn, table, new InputStats("fuzz", "zeek"));
        ConversationBuilder.Build(table);
    }

    /// <summary>One frame of a link type through link, IP and transport decoding and the conversation table.</summary>
    public static void Frame(int linkType, ReadOnlySpan<byte> data)
    {
        var table = new TrafficTable(maxConversations: 16);
        if (PacketDecoder.Decode(linkType, data, out var view) is DecodeStatus.Ip or DecodeStatus.Layer2)
        {
            table.Add(view, data, 0, data.Length);
        }
    }

    /// <summary>A payload through one decoder: its signature (on and off its port) and its inspection.</summary>
    public static void Decoder(ProtocolDecoder decoder, ReadOnlySpan<byte> payload)
    {
        decoder.Matches(payload, true);
        decoder.Matches(payload, false);
        decoder.Inspect(payload, new DecodeContext());
    }

    private static Dictionary<string, FuzzTarget> Build()
    {
        var targets = new Dictionary<string, FuzzTarget>(StringComparer.Ordinal)
        {
            ["capture"] = Capture,
            ["zeek-conn"] = ZeekConn,
        };
        foreach (var linkType in new[] { LinkTypes.Ethernet, LinkTypes.Null, LinkTypes.Loop, LinkTypes.LinuxSll, LinkTypes.LinuxSll2, LinkTypes.Raw, LinkTypes.RawIPv4, LinkTypes.RawIPv6 })
        {
            targets[$"frame-{linkType}"] = data => Frame(linkType, data);
        }

        foreach (var decoder in ProtocolRegistry.Decoders.Concat(ProtocolRegistry.Layer2.Select(l => l.Decoder)))
        {
            targets[$"decoder-{decoder.Name}"] = data => Decoder(decoder, data);
        }

        return targets;
    }
}
