using Castellan.Network.Captures;
using Castellan.Network.Discovery;
using Castellan.Network.Tests.Captures;
using Castellan.Tests;

namespace Castellan.Network.Tests.Discovery;

/// <summary>
/// A large classic pcap is read in parts on several threads and the parts' tables merged: the devices, conversations
/// and totals are exactly those of reading the file in line, and a part that does not start where the reading before
/// it ended (a boundary guessed inside packet data) is never kept.
/// </summary>
public sealed class SplitCaptureTests
{
    private static readonly byte[] Frame = CaptureFiles.TcpFrame("10.0.0.1", 40000, "10.0.0.2", 502, [0, 1, 0, 0, 0, 6, 1, 6, 0, 1, 0, 3]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void RealIndustrialCaptures_ReadInParts_GiveWhatReadingInLineGives(int workers)
    {
        // Three copies, so that conversations, identities and operations are cut across the parts.
        var path = Write(IndustrialCapture(copies: 3));
        var inLine = InLine(path);
        var split = Split(path, workers, minimumPart: 64 * 1024).ShouldNotBeNull("the parts joined up");

        inLine.Conversations.Count.ShouldBeGreaterThan(50);
        inLine.Devices.ShouldContain(d => d.Contains("1756-ENBT/A", StringComparison.Ordinal));
        split.ShouldBe(inLine);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomDamage_ReadInParts_SameWhateverTheCores_AndCountedAsInOnePiece(int seed)
    {
        // Real traffic with random byte ranges overwritten and a truncated end. Parts that join up give the same result
        // on one thread or several, and the packets, bytes and conversations of reading in one piece; parts that do
        // not join up are never kept.
        var random = new Random(seed);
        var file = IndustrialCapture(copies: 1);
        for (var i = 0; i < 4; i++)
        {
            random.NextBytes(file.AsSpan(random.Next(24, file.Length - 300), random.Next(1, 300)));
        }

        var path = Write(file[..random.Next(file.Length / 2, file.Length)]);
        var inLine = InLine(path);
        var runs = new[] { 1, 2, 5 }.Select(workers => Split(path, workers, minimumPart: 256 * 1024)).ToList();

        inLine.Skipped.ShouldBeGreaterThan(0);
        var first = runs[0].ShouldNotBeNull("the parts joined up");
        runs.ShouldAllBe(r => r != null && r.Equals(first));
        first.Totals.ShouldBe(inLine.Totals);
    }

    /// <summary>Every Ethernet packet of the shared ICS captures as one classic pcap, <paramref name="copies"/> times over (later copies a day later).</summary>
    private static byte[] IndustrialCapture(int copies)
    {
        var sources = Directory.GetFiles(TestPaths.RequireTestData("pcap", "icsnpp"), "*.pcap*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(TestPaths.RequireTestData("pcap", "iti"), "*.pcap*"))
            .Where(f => f.Contains("traces", StringComparison.Ordinal) || f.Contains("iti", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var output = new List<byte>(CaptureFiles.Pcap(false, false, 1, 262_144));
        for (var copy = 0u; copy < copies; copy++)
        {
            foreach (var source in sources)
            {
                using var stream = File.OpenRead(source);
                using var reader = CaptureReader.Open(stream).ShouldNotBeNull();
                while (reader.TryRead(out var packet))
                {
                    if (packet.LinkType == 1)
                    {
                        var microseconds = (packet.TimestampNs / 1000) + (copy * 86_400_000_000L);
                        CaptureFiles.Record(output, false, (uint)(microseconds / 1_000_000), (uint)(microseconds % 1_000_000), (uint)packet.Data.Length, (uint)packet.OriginalLength);
                        output.AddRange(packet.Data.ToArray());
                    }
                }
            }
        }

        return [.. output];
    }

    [Fact]
    public void DamagedRecords_ReadInParts_AreCountedAsInLine()
    {
        var output = CaptureFiles.DamagedPcap(new Random(3), 4_000_000, Frame, every: 2_000);
        var path = Write([.. output.Take(output.Count - 5)]);
        var inLine = InLine(path);
        var split = Split(path, 4, minimumPart: 256 * 1024);

        inLine.Skipped.ShouldBeGreaterThan(0, "the file has damaged records");
        split.ShouldNotBeNull("the parts joined up").ShouldBe(inLine);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CutRightAfterADamagedRecord_PartsStillJoin(bool oversized)
    {
        // The part before the cut steps over the damaged record (too long, or garbage) and must stop there, not read
        // the first record of the next part as well.
        var output = new List<byte>(CaptureFiles.Pcap(false, false, 1, 65535));
        void Records(uint from)
        {
            for (var i = from; i < from + 100; i++)
            {
                CaptureFiles.Record(output, false, 1_700_000_000 + i, 0, (uint)Frame.Length, (uint)Frame.Length);
                output.AddRange(Frame);
            }
        }

        Records(0);
        if (oversized)
        {
            CaptureFiles.Record(output, false, 1_700_000_100, 0, 70_000, 70_000);
            output.AddRange(new byte[70_000]);
        }
        else
        {
            output.AddRange(Enumerable.Repeat((byte)0xFF, 333));
        }

        var cut = output.Count;
        Records(200);
        var path = Write([.. output]);

        var split = Split(path, 2, 1, cuts: [cut]).ShouldNotBeNull("the parts joined up");

        split.ShouldBe(InLine(path));
        split.Skipped.ShouldBe(1);
    }

    [Fact]
    public void BoundaryGuessedInsidePacketData_IsNotKept_AndNothingIsRead()
    {
        // A packet whose data is itself a chain of well-formed records: a cut there looks like a record boundary.
        var inner = new List<byte>();
        for (var i = 0u; i < 12; i++)
        {
            CaptureFiles.Record(inner, false, 1_700_000_000, i, (uint)Frame.Length, (uint)Frame.Length);
            inner.AddRange(Frame);
        }

        var output = new List<byte>(CaptureFiles.Pcap(false, false, 1, 65535));
        for (var i = 0u; i < 2_000; i++)
        {
            CaptureFiles.Record(output, false, 1_700_000_000 + i, 0, (uint)Frame.Length, (uint)Frame.Length);
            output.AddRange(Frame);
        }

        var decoy = output.Count + 16 + Frame.Length;
        CaptureFiles.Record(output, false, 1_700_002_000, 0, (uint)(Frame.Length + inner.Count), (uint)(Frame.Length + inner.Count));
        output.AddRange(Frame);
        output.AddRange(inner);
        var real = output.Count;
        for (var i = 0u; i < 2_000; i++)
        {
            CaptureFiles.Record(output, false, 1_700_003_000 + i, 0, (uint)Frame.Length, (uint)Frame.Length);
            output.AddRange(Frame);
        }

        var path = Write([.. output]);
        using (var stream = File.OpenRead(path))
        {
            var table = new TrafficTable();
            var stats = new InputStats(path, "pcap");

            SplitCapture.TryRead(stream, table, stats, null, 2, 1, CancellationToken.None, cuts: [decoy]).ShouldBeFalse();

            stream.Position.ShouldBe(0);
            table.Conversations.Count.ShouldBe(0);
            stats.Packets.ShouldBe(0);
        }

        // Cut at a real record: kept, and the same as in line.
        Split(path, 2, 1, cuts: [real]).ShouldNotBeNull().ShouldBe(InLine(path));
    }

    [Fact]
    public void Cancelled_StopsEveryPart_AndChangesNothing()
    {
        var records = Enumerable.Range(0, 20_000).Select(i => (1_700_000_000u, (uint)i, Frame)).ToArray();
        var path = Write(CaptureFiles.Pcap(false, false, 1, 65535, records));
        using var stream = File.OpenRead(path);
        var table = new TrafficTable();
        var stats = new InputStats(path, "pcap");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Should.Throw<OperationCanceledException>(() => SplitCapture.TryRead(stream, table, stats, null, 2, 64 * 1024, cancelled.Token));

        table.Conversations.Count.ShouldBe(0);
        stats.Packets.ShouldBe(0);
    }

    [Fact]
    public void SmallFile_IsReadInOnePiece()
    {
        var path = Write(CaptureFiles.Pcap(false, false, 1, 65535, (1_700_000_000u, 0u, Frame), (1_700_000_001u, 0u, Frame)));
        using var stream = File.OpenRead(path);

        // Less than two parts of the default size.
        var table = new TrafficTable();
        SplitCapture.TryRead(stream, table, new InputStats(path, "pcap"), null, CancellationToken.None).ShouldBeFalse();
        stream.Position.ShouldBe(0);
        table.Conversations.Count.ShouldBe(0);
    }

    private static Summary InLine(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = CaptureReader.Open(stream).ShouldNotBeNull();
        var table = new TrafficTable();
        var stats = new InputStats(path, "pcap");
        CaptureAnalyzer.Read(reader, table, stats);
        return Summarise(table, stats);
    }

    private static Summary? Split(string path, int workers, long minimumPart, IReadOnlyList<long>? cuts = null)
    {
        using var stream = File.OpenRead(path);
        var table = new TrafficTable();
        var stats = new InputStats(path, "pcap");
        var positions = new List<long>();
        return SplitCapture.TryRead(stream, table, stats, positions.Add, workers, minimumPart, CancellationToken.None, cuts) ? Summarise(table, stats) : null;
    }

    private static Summary Summarise(TrafficTable table, InputStats stats)
    {
        var conversations = ConversationBuilder.Build(table);
        var devices = DeviceBuilder.Build(conversations, table.Context);
        return new Summary(
            stats.Skipped,
            $"packets {stats.Packets} bytes {stats.Bytes} skipped {stats.Skipped} link types {string.Join(",", stats.LinkTypes)} malformed {table.Malformed} fragments {table.Fragments} untracked {table.Untracked}",
            [.. conversations.Select(c => $"{c.Client} {c.Server} {c.Transport} {c.EtherType} {c.IpProtocol} {c.Protocol} {c.IdentifiedBy} {c.ClientPackets}/{c.ServerPackets} " +
                $"{c.ClientBytes}/{c.ServerBytes} {c.FirstSeenNs}-{c.LastSeenNs} {string.Join(",", c.Operations)}")],
            [.. devices.Select(d => $"{d.Ip} {d.Mac} {d.Role} [{string.Join("; ", d.Evidence)}] {d.Identity?.Vendor}/{d.Identity?.Product}/{d.Identity?.ProductCode}/" +
                $"{d.Identity?.Firmware}/{d.Identity?.SerialNumber}/{d.Identity?.Name} serves {string.Join(",", d.Serves)} uses {string.Join(",", d.Uses)} " +
                $"{d.Packets} {d.Bytes} {d.FirstSeenNs}-{d.LastSeenNs}")],

            // What does not depend on a conversation's protocol state: its two ends (either way round), packets, bytes, times.
            [.. conversations.Select(c => string.Join(" ", new[] { c.Client.ToString(), c.Server.ToString() }.Order(StringComparer.Ordinal)) +
                    $" {c.Transport} {c.EtherType} {c.IpProtocol} {c.Packets} {c.Bytes} {c.FirstSeenNs}-{c.LastSeenNs}")
                .Order(StringComparer.Ordinal)
                .Append($"packets {stats.Packets} bytes {stats.Bytes} skipped {stats.Skipped} fragments {table.Fragments} untracked {table.Untracked}")]);
    }


    private static string Write(byte[] file)
    {
        var path = Path.Combine(TestPaths.TempDirectory(), "split.pcap");
        File.WriteAllBytes(path, file);
        return path;
    }

    /// <summary>A run as text, compared line by line (the lists by value).</summary>
    private sealed record Summary(long Skipped, string Stats, List<string> Conversations, List<string> Devices, List<string> Totals)
    {
        public bool Equals(Summary? other) => other is not null && Skipped == other.Skipped && Stats == other.Stats
            && Conversations.SequenceEqual(other.Conversations) && Devices.SequenceEqual(other.Devices) && Totals.SequenceEqual(other.Totals);

        public override int GetHashCode() => Stats.GetHashCode(StringComparison.Ordinal);
    }
}
