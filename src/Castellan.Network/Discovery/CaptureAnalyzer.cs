using Castellan.Network.Captures;
using Castellan.Network.Packets;

namespace Castellan.Network.Discovery;

/// <summary>Reads one pcap/pcapng stream into a <see cref="TrafficTable"/>, accounting for every record in <see cref="InputStats"/>.</summary>
public static class CaptureAnalyzer
{
    /// <summary>How often (in bytes read) progress is reported.</summary>
    private const long ProgressStep = 16 * 1024 * 1024;

    /// <summary>
    /// Reads <paramref name="reader"/> to the end. An input whose every packet has an unsupported link type gets
    /// <see cref="InputStats.Error"/> "unsupported link type N"; mixed pcapng inputs get a warning instead.
    /// </summary>
    // The loop runs once per input for millions of packets: compile it fully optimised at once (no tiering/OSR).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Read(CaptureReader reader, TrafficTable table, InputStats stats, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        stats.Format = reader.Format == CaptureFormat.Pcap ? "pcap" : "pcapng";
        if (reader is PcapReader pcap)
        {
            if (pcap.Problem is not null)
            {
                stats.Error = pcap.Problem;
                return;
            }

            stats.LinkTypes.Add(pcap.LinkType);
            if (!LinkTypes.IsSupported(pcap.LinkType))
            {
                stats.Error = $"unsupported link type {pcap.LinkType}" + LinkTypeName(pcap.LinkType) + "; supported: Ethernet, DLT_NULL/LOOP, Linux SLL/SLL2, raw IP";
                return;
            }
        }

        var unsupported = new Dictionary<int, long>();
        long packets = 0, bytes = 0, skipped = 0, decoded = 0, nextProgress = ProgressStep;
        while (reader.TryRead(out var packet))
        {
            packets++;
            bytes += packet.OriginalLength;
            switch (PacketDecoder.Decode(packet.LinkType, packet.Data, out var view))
            {
                case DecodeStatus.Ip or DecodeStatus.Layer2:
                    decoded++;
                    table.Add(view, packet.Data, packet.TimestampNs, packet.OriginalLength);
                    break;
                case DecodeStatus.UnsupportedLinkType:
                    unsupported[packet.LinkType] = unsupported.GetValueOrDefault(packet.LinkType) + 1;
                    skipped++;
                    break;
                case DecodeStatus.Malformed:
                    skipped++;
                    break;
            }

            if (reader.Position >= nextProgress)
            {
                nextProgress = reader.Position + ProgressStep;
                progress?.Invoke(reader.Position);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        stats.Packets += packets;
        stats.Bytes += bytes;
        stats.Skipped += skipped + reader.Skipped;
        if (reader is PcapngReader pcapng)
        {
            stats.LinkTypes.UnionWith(pcapng.LinkTypes);
        }

        foreach (var (linkType, count) in unsupported.OrderBy(u => u.Key))
        {
            var message = $"unsupported link type {linkType}{LinkTypeName(linkType)}: {count} packet(s) not decoded";
            if (decoded == 0)
            {
                stats.Error = message;
            }
            else
            {
                stats.Warnings.Add(message);
            }
        }

        if (stats.Packets == 0 && stats.Error is null && reader.Skipped > 0)
        {
            stats.Error = "no readable packet record (the file is damaged)";
        }

        progress?.Invoke(reader.Position);
    }

    private static string LinkTypeName(int linkType) => linkType switch
    {
        195 => " (IEEE 802.15.4)",
        105 => " (IEEE 802.11)",
        127 => " (IEEE 802.11 radiotap)",
        9 => " (PPP)",
        _ => "",
    };
}
