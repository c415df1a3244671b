using System.Runtime.CompilerServices;
using Castellan.Network.Captures;
using Castellan.Network.Packets;

namespace Castellan.Network.Discovery;

/// <summary>
/// Reads one pcap/pcapng stream into a <see cref="TrafficTable"/>, accounting for every record in <see cref="InputStats"/>.
/// The per-packet loops run once per input for millions of packets: they are compiled fully optimised at once (no tiering/OSR).
/// </summary>
public static class CaptureAnalyzer
{
    /// <summary>How often (in bytes read) progress is reported.</summary>
    private const long ProgressStep = 16 * 1024 * 1024;

    /// <summary>
    /// Reads <paramref name="reader"/> to the end. An input whose every packet has an unsupported link type gets
    /// <see cref="InputStats.Error"/> "unsupported link type N"; mixed pcapng inputs get a warning instead.
    /// </summary>
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
        long packets = 0, bytes = 0, skipped = 0, decoded = 0;
        if (reader is PcapReader classic)
        {
            ReadPcap(classic, table, ref packets, ref bytes, ref skipped, ref decoded, progress, cancellationToken);
        }
        else
        {
            ReadAny(reader, table, unsupported, ref packets, ref bytes, ref skipped, ref decoded, progress, cancellationToken);
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

    /// <summary>
    /// Classic pcap: one link type for the whole file (already known to be supported), so the reader and the decoder
    /// are called directly and untagged Ethernet/IPv4 TCP/UDP takes the straight path; the records already buffered
    /// are read as a block. Counts as <see cref="ReadAny"/>. Reading stops at the reader's <see cref="PcapReader.Limit"/>
    /// (<see cref="SplitCapture"/> reads a file in parts).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ReadPcap(PcapReader reader, TrafficTable table, ref long packetCount, ref long byteCount, ref long skippedCount, ref long decodedCount,
        Action<long>? progress, CancellationToken cancellationToken)
    {
        long packets = 0, bytes = 0, skipped = 0, nextProgress = ProgressStep;
        var ethernet = reader.LinkType == LinkTypes.Ethernet;
        while (true)
        {
            var records = reader.Buffered;
            var offset = 0;
            while (reader.TryReadBuffered(records, ref offset, out var packet))
            {
                packets++;
                bytes += packet.OriginalLength;
                skipped += Add(table, ethernet, packet);
            }

            reader.Consume(offset);
            if (reader.Position >= nextProgress)
            {
                nextProgress = reader.Position + ProgressStep;
                progress?.Invoke(reader.Position);
                cancellationToken.ThrowIfCancellationRequested();
            }

            // The record the block ended at: refilled, stepped over if damaged, or the end.
            if (!ReadOne(reader, table, ethernet, ref packets, ref bytes, ref skipped))
            {
                break;
            }
        }

        packetCount += packets;
        byteCount += bytes;
        skippedCount += skipped;
        decodedCount += packets - skipped;
    }

    /// <summary>
    /// The record a block ended at, read through the reader (once per block: kept out of line, so that the per-packet
    /// code is compiled once, not twice — the loop above is compiled when a capture is first read, and its size is
    /// start-up time). False at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ReadOne(PcapReader reader, TrafficTable table, bool ethernet, ref long packets, ref long bytes, ref long skipped)
    {
        if (!reader.TryRead(out var packet))
        {
            return false;
        }

        packets++;
        bytes += packet.OriginalLength;
        skipped += Add(table, ethernet, packet);
        return true;
    }

    /// <summary>Decodes one packet into the table; 1 when it could not be decoded (then skipped), else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Add(TrafficTable table, bool ethernet, in CapturedPacket packet)
    {
        var status = ethernet ? PacketDecoder.DecodeEthernet(packet.Data, out var view) : PacketDecoder.Decode(packet.LinkType, packet.Data, out view);
        if (status is DecodeStatus.Ip or DecodeStatus.Layer2)
        {
            table.Add(view, packet.Data, packet.TimestampNs, packet.OriginalLength);
            return 0;
        }

        return 1;
    }

    /// <summary>Any capture (pcapng may mix link types): unsupported link types are counted per type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadAny(CaptureReader reader, TrafficTable table, Dictionary<int, long> unsupported, ref long packetCount, ref long byteCount,
        ref long skippedCount, ref long decodedCount, Action<long>? progress, CancellationToken cancellationToken)
    {
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

        packetCount += packets;
        byteCount += bytes;
        skippedCount += skipped;
        decodedCount += decoded;
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
