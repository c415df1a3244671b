using System.Runtime.ExceptionServices;
using Castellan.Network.Captures;
using Castellan.Network.Packets;

namespace Castellan.Network.Discovery;

/// <summary>
/// Reads a large classic pcap file in parts, on every core. The file is cut into parts of at least
/// <see cref="MinimumPart"/> (at most <see cref="MaxParts"/> of them) at record boundaries recognised by their look
/// (<see cref="PcapReader.FindRecordStart"/>); one thread per core takes the next part not yet taken and reads it into
/// a <see cref="TrafficTable"/> of its own, and the tables are merged in file order. The chain of records from the file
/// header is the truth: a part is kept only when the reading of the part before it ended exactly where it starts;
/// when one did not (packet data that looked like records, damage across a cut), the file is read in one piece.
/// <para>
/// What a part cannot know is what came before it in a conversation that began in an earlier part: it recognises the
/// protocol again from its own payloads (the few packets before that are counted but not inspected; an industrial
/// protocol is recognised from its ordinary messages, so its operations are still seen), inspects up to eight more
/// packets of an IT protocol, and may recognise a protocol given up on before the cut. Packets, bytes, times, addresses
/// and conversations are exactly those of reading in one piece. The parts depend on the file alone, so the result is
/// the same on one core or on many.
/// </para>
/// A pcapng file describes its interfaces in its own blocks and is read in one piece (with <see cref="ReadAhead"/>).
/// </summary>
internal static class SplitCapture
{
    /// <summary>The smallest part a file is cut into (a file of less than two is read in one piece).</summary>
    public const long MinimumPart = 64L * 1024 * 1024;

    /// <summary>The most threads a file is read on.</summary>
    private const int MaxWorkers = 8;

    /// <summary>The most parts a file is cut into (each holds a table until it is merged).</summary>
    public const int MaxParts = 32;

    /// <summary>Bytes searched for a record boundary from each cut: room for a chain of the largest records kept.</summary>
    private const int Window = 4 * CaptureReader.MaxRecordLength;

    /// <summary>
    /// Reads <paramref name="stream"/> (a classic pcap file) in parts on the machine's cores into
    /// <paramref name="table"/>; false, with nothing read or changed and the stream at its start, when the file is
    /// too small, its header is not one to split by, or the parts did not join up — then read it in one piece.
    /// </summary>
    public static bool TryRead(FileStream stream, TrafficTable table, InputStats stats, Action<long>? progress, CancellationToken cancellationToken) =>
        TryRead(stream, table, stats, progress, Math.Min(Environment.ProcessorCount, MaxWorkers), MinimumPart, cancellationToken);

    /// <param name="stream">A classic pcap file.</param>
    /// <param name="table">The table the parts are merged into.</param>
    /// <param name="stats">The input's statistics, filled as <see cref="CaptureAnalyzer.Read"/> fills them.</param>
    /// <param name="progress">Called on the calling thread with the bytes read so far.</param>
    /// <param name="workers">Threads to read on.</param>
    /// <param name="minimumPart">The smallest part worth cutting off.</param>
    /// <param name="cancellationToken">Stops every part.</param>
    /// <param name="cuts">Where to look for the parts' first records (tests); by default the file is cut evenly.</param>
    internal static bool TryRead(FileStream stream, TrafficTable table, InputStats stats, Action<long>? progress, int workers, long minimumPart,
        CancellationToken cancellationToken, IReadOnlyList<long>? cuts = null)
    {
        // The parts depend on the file alone, never on the machine: the same file gives the same result on one core or
        // on many. Several parts per thread, taken in turn: a thread slowed down (by the JIT, by another process) holds
        // up one part, not half the file.
        var length = stream.Length;
        var parts = (int)Math.Min(MaxParts, length / Math.Max(1, minimumPart));
        if (parts < 2 && cuts is null)
        {
            return false;
        }

        stream.Position = 0;
        Part? read;
        int linkType;
        using (var file = new PcapReader(stream, readAhead: false))
        {
            var starts = file.Problem is null && LinkTypes.IsSupported(file.LinkType)
                ? Starts(stream, file, cuts ?? [.. Enumerable.Range(1, parts - 1).Select(k => length / parts * k)])
                : [];
            read = starts.Count < 2 ? null : ReadParts(stream, file, starts, workers, table.MaxConversations, progress, cancellationToken);
            linkType = file.LinkType;
        }

        if (read is null)
        {
            stream.Position = 0;
            return false;
        }

        stats.Format = "pcap";
        stats.LinkTypes.Add(linkType);
        table.MergeFrom(read.Table);
        stats.Packets += read.Packets;
        stats.Bytes += read.Bytes;
        stats.Skipped += read.Skipped;
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

    /// <summary>
    /// The parts read on <paramref name="workers"/> threads, each taking the next part not yet taken, and merged in
    /// file order on the calling thread as they come in (a merged part's table is let go). Null when a part did not
    /// end where the next one starts: the chain of records from the file header went elsewhere.
    /// </summary>
    private static Part? ReadParts(FileStream stream, PcapReader file, List<long> starts, int workers, int maxConversations, Action<long>? progress, CancellationToken cancellationToken)
    {
        var count = starts.Count;
        var positions = new long[count];
        var done = new Part?[count];
        using var finished = new SemaphoreSlim(0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;
        var threads = new Task[Math.Min(workers, count)];

        // Parts read but not yet merged hold a table each: a thread may run at most one part ahead of the others, so
        // memory stays bounded by the number of threads (not of parts) when the earliest part is the slowest.
        using var slots = new SemaphoreSlim(threads.Length + 1);
        for (var w = 0; w < threads.Length; w++)
        {
            threads[w] = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        while (true)
                        {
                            slots.Wait(stop.Token);
                            var i = Interlocked.Increment(ref next);
                            if (i >= count)
                            {
                                break;
                            }

                            var index = i;
                            Volatile.Write(ref done[i], ReadPart(stream, file, starts, i, maxConversations, position => Volatile.Write(ref positions[index], position), stop.Token));
                            finished.Release();
                        }
                    }
                    catch
                    {
                        stop.Cancel();
                        throw;
                    }
                    finally
                    {
                        finished.Release();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        var merged = new Part(new TrafficTable(maxConversations), 0, 0, 0, 0);
        var joined = true;
        var at = 0;
        while (at < count && joined)
        {
            finished.Wait(100, CancellationToken.None);
            var all = threads.All(t => t.IsCompleted);
            for (; at < count && Volatile.Read(ref done[at]) is { } part; at++)
            {
                // Each part must end exactly where the next begins.
                if (at + 1 < count && part.End != starts[at + 1])
                {
                    joined = false;
                    stop.Cancel();
                    break;
                }

                merged.Table.MergeFrom(part.Table);
                merged = merged with { Packets = merged.Packets + part.Packets, Bytes = merged.Bytes + part.Bytes, Skipped = merged.Skipped + part.Skipped };
                done[at] = null;
                slots.Release();
            }

            if (all)
            {
                break;
            }

            var read = 0L;
            for (var i = 0; i < count; i++)
            {
                read += Volatile.Read(ref positions[i]);
            }

            progress?.Invoke(read);
        }

        try
        {
            Task.WaitAll(threads, CancellationToken.None);
        }
        catch (AggregateException failed) when (joined)
        {
            // A read error or a cancellation, as reading in line would have thrown it (every part has stopped).
            ExceptionDispatchInfo.Throw(failed.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? failed.InnerExceptions[0]);
        }
        catch (AggregateException)
        {
            // Stopped because the parts did not join up: read in line instead.
        }

        cancellationToken.ThrowIfCancellationRequested();
        return joined && at == count ? merged : null;
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
        using var part = first ? null : new PcapReader(own!, file);
        var reader = part ?? file;
        reader.Limit = index + 1 < starts.Count ? starts[index + 1] - origin : long.MaxValue;
        var table = new TrafficTable(maxConversations);
        long packets = 0, bytes = 0, skipped = 0, decoded = 0;
        CaptureAnalyzer.ReadPcap(reader, table, ref packets, ref bytes, ref skipped, ref decoded, position => progress(position), cancellationToken);
        return new Part(table, packets, bytes, skipped + reader.Skipped, origin + reader.Position);
    }

    private sealed record Part(TrafficTable Table, long Packets, long Bytes, long Skipped, long End);
}
