using System.Runtime.ExceptionServices;
using Castellan.Network.Captures;
using Castellan.Network.Packets;

namespace Castellan.Network.Discovery;

/// <summary>
/// Reads a large classic pcap file on every core. The file is cut into parts at record boundaries recognised by their
/// look (<see cref="PcapReader.FindRecordStart"/>); each part is read on its own thread into its own
/// <see cref="TrafficTable"/>, and the tables are merged in file order. The chain of records from the file header is
/// the truth: a part is kept only when the reading of the part before it ended exactly where it starts. When one did
/// not (packet data that looked like records, damage across a cut), the file is read again in one piece, so the
/// result is always what reading it in line gives. A pcapng file describes its interfaces in its own blocks and is
/// read in line (with <see cref="ReadAhead"/>).
/// </summary>
internal static class SplitCapture
{
    /// <summary>Parts smaller than this are not worth a thread of their own.</summary>
    public const long MinimumPart = 64L * 1024 * 1024;

    /// <summary>The most parts (threads) a file is read in.</summary>
    private const int MaxParts = 8;

    /// <summary>Bytes searched for a record boundary from each cut: room for a chain of the largest records kept.</summary>
    private const int Window = 4 * CaptureReader.MaxRecordLength;

    /// <summary>
    /// Reads <paramref name="stream"/> (a classic pcap file) in parts on the machine's cores into
    /// <paramref name="table"/>; false, with nothing read or changed and the stream at its start, when the file is
    /// too small, there is one core, its header is not one to split by, or the parts did not join up — then read it in line.
    /// </summary>
    public static bool TryRead(FileStream stream, TrafficTable table, InputStats stats, Action<long>? progress, CancellationToken cancellationToken) =>
        TryRead(stream, table, stats, progress, Math.Min(Environment.ProcessorCount, MaxParts), MinimumPart, cancellationToken);

    /// <param name="stream">A classic pcap file.</param>
    /// <param name="table">The table the parts are merged into.</param>
    /// <param name="stats">The input's statistics, filled as <see cref="CaptureAnalyzer.Read"/> fills them.</param>
    /// <param name="progress">Called on the calling thread with the bytes read so far.</param>
    /// <param name="parts">Parts wanted (threads).</param>
    /// <param name="minimumPart">The smallest part worth a thread.</param>
    /// <param name="cancellationToken">Stops every part.</param>
    /// <param name="cuts">Where to look for the parts' first records (tests); by default the file is cut evenly.</param>
    internal static bool TryRead(FileStream stream, TrafficTable table, InputStats stats, Action<long>? progress, int parts, long minimumPart,
        CancellationToken cancellationToken, IReadOnlyList<long>? cuts = null)
    {
        var length = stream.Length;
        parts = (int)Math.Min(parts, length / Math.Max(1, minimumPart));
        if (parts < 2 && cuts is null)
        {
            return false;
        }

        stream.Position = 0;
        var file = new PcapReader(stream, readAhead: false);
        var starts = file.Problem is null && LinkTypes.IsSupported(file.LinkType)
            ? Starts(stream, file, cuts ?? [.. Enumerable.Range(1, parts - 1).Select(k => length / parts * k)])
            : [];
        if (starts.Count < 2)
        {
            file.Dispose();
            stream.Position = 0;
            return false;
        }

        var read = ReadParts(stream, file, starts, table.MaxConversations, progress, cancellationToken);
        if (read is null)
        {
            stream.Position = 0;
            return false;
        }

        stats.Format = "pcap";
        stats.LinkTypes.Add(file.LinkType);
        foreach (var part in read)
        {
            table.MergeFrom(part.Table);
            stats.Packets += part.Packets;
            stats.Bytes += part.Bytes;
            stats.Skipped += part.Skipped;
        }

        progress?.Invoke(length);
        return true;
    }

    /// <summary>The offsets the parts start at: the first record, then a record boundary found at or after each cut.</summary>
    private static List<long> Starts(FileStream stream, PcapReader file, IEnumerable<long> cuts)
    {
        var starts = new List<long> { PcapReader.HeaderLength };
        var window = new byte[Window];
        foreach (var cut in cuts)
        {
            if (cut <= starts[^1])
            {
                continue;
            }

            var count = RandomAccess.Read(stream.SafeFileHandle, window, cut);
            var at = file.FindRecordStart(window.AsSpan(0, count), cut + count >= stream.Length);
            if (at >= 0)
            {
                starts.Add(cut + at);
            }
        }

        return starts;
    }

    /// <summary>Every part read on its own thread; null when a part did not end where the next one starts.</summary>
    private static List<Part>? ReadParts(FileStream stream, PcapReader file, List<long> starts, int maxConversations, Action<long>? progress, CancellationToken cancellationToken)
    {
        var positions = new long[starts.Count];
        var parts = new Part[starts.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new Task[starts.Count];
        for (var i = 0; i < starts.Count; i++)
        {
            var index = i;
            tasks[i] = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        parts[index] = ReadPart(stream, file, starts, index, maxConversations, position => Volatile.Write(ref positions[index], position), stop.Token);
                    }
                    catch
                    {
                        stop.Cancel();
                        throw;
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        try
        {
            while (!Task.WaitAll(tasks, 100, CancellationToken.None))
            {
                var done = 0L;
                for (var i = 0; i < positions.Length; i++)
                {
                    done += Volatile.Read(ref positions[i]);
                }

                progress?.Invoke(done);
            }
        }
        catch (AggregateException failed)
        {
            // A read error or a cancellation, as reading in line would have thrown it (every part has stopped).
            var cause = failed.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? failed.InnerExceptions[0];
            ExceptionDispatchInfo.Throw(cause);
        }

        // Each part must end exactly where the next begins: else the chain of records went elsewhere.
        for (var i = 0; i + 1 < parts.Length; i++)
        {
            if (parts[i].End != starts[i + 1])
            {
                return null;
            }
        }

        return [.. parts];
    }

    private static Part ReadPart(FileStream stream, PcapReader file, List<long> starts, int index, int maxConversations, Action<long> progress, CancellationToken cancellationToken)
    {
        // The first part is read by the reader that read the file header (its positions are the file's); the others
        // through their own handle from their first record (positions from there).
        var first = index == 0;
        using var own = first ? null : new FileStream(stream.Name, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (own is not null)
        {
            own.Position = starts[index];
        }

        var origin = first ? 0 : starts[index];
        using var reader = first ? file : new PcapReader(own!, file);
        var limit = index + 1 < starts.Count ? starts[index + 1] - origin : long.MaxValue;
        var table = new TrafficTable(maxConversations);
        long packets = 0, bytes = 0, skipped = 0, decoded = 0;
        CaptureAnalyzer.ReadPcap(reader, table, limit, ref packets, ref bytes, ref skipped, ref decoded, position => progress(position), cancellationToken);
        return new Part(table, packets, bytes, skipped + reader.Skipped, origin + reader.Position);
    }

    private sealed record Part(TrafficTable Table, long Packets, long Bytes, long Skipped, long End);
}
