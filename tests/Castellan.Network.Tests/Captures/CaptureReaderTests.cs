using Castellan.Network.Captures;

namespace Castellan.Network.Tests.Captures;

public sealed class CaptureReaderTests
{
    private static readonly byte[] FrameA = CaptureFiles.TcpFrame("10.0.0.1", 40000, "10.0.0.2", 502, [0, 1, 0, 0, 0, 6, 1, 6, 0, 1, 0, 3]);
    private static readonly byte[] FrameB = CaptureFiles.TcpFrame("10.0.0.2", 502, "10.0.0.1", 40000, [0, 1, 0, 0, 0, 6, 1, 6, 0, 1, 0, 3]);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Pcap_ByteOrderAndResolution_SameRecordsAndTimes(bool bigEndian, bool nanoseconds)
    {
        var file = CaptureFiles.Pcap(bigEndian, nanoseconds, 1, 65535, (1_700_000_000, nanoseconds ? 250_000_000u : 250_000u, FrameA), (1_700_000_001, 0, FrameB));

        var packets = ReadAll(file, out var skipped, out var format);

        format.ShouldBe(CaptureFormat.Pcap);
        skipped.ShouldBe(0);
        packets.Select(p => p.TimestampNs).ShouldBe([1_700_000_000_250_000_000L, 1_700_000_001_000_000_000L]);
        packets.Select(p => p.Length).ShouldBe([FrameA.Length, FrameB.Length]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pcapng_SectionsInterfacesResolutionsSimpleAndUnknownBlocks_AllPacketsRead(bool bigEndian)
    {
        byte[] file =
        [
            .. CaptureFiles.SectionHeader(bigEndian),
            .. CaptureFiles.Interface(bigEndian, 1, null),
            .. CaptureFiles.Interface(bigEndian, 1, 9),
            .. CaptureFiles.Block(bigEndian, 0x0BAD, [1, 2, 3, 4, 5]),
            .. CaptureFiles.Enhanced(bigEndian, 0, 1_700_000_000_000_000, FrameA),
            .. CaptureFiles.Enhanced(bigEndian, 1, 1_700_000_000_000_000_123, FrameB),
            .. CaptureFiles.Simple(bigEndian, FrameA),
            .. CaptureFiles.SectionHeader(!bigEndian),
            .. CaptureFiles.Interface(!bigEndian, 1, 0x80 | 10),
            .. CaptureFiles.Enhanced(!bigEndian, 0, 1024UL * 1_700_000_000, FrameB),
        ];

        var packets = ReadAll(file, out var skipped, out var format);

        format.ShouldBe(CaptureFormat.Pcapng);
        skipped.ShouldBe(0);
        packets.Count.ShouldBe(4);
        packets[0].TimestampNs.ShouldBe(1_700_000_000_000_000_000);
        packets[1].TimestampNs.ShouldBe(1_700_000_000_000_000_123);
        packets[3].TimestampNs.ShouldBe(1_700_000_000_000_000_000);
    }

    [Fact]
    public void Pcap_CaplenFFFFFFFF_SkippedAndTheNextRecordsStillRead()
    {
        var output = new List<byte>(CaptureFiles.Pcap(false, false, 1, 65535, (1_700_000_000, 0, FrameA)));
        CaptureFiles.Record(output, false, 1_700_000_000, 1, 0xFFFFFFFF, 0xFFFFFFFF);
        output.AddRange(new byte[37]);
        output.AddRange(CaptureFiles.Pcap(false, false, 1, 65535, (1_700_000_000, 2, FrameB), (1_700_000_000, 3, FrameA))[24..]);

        var packets = ReadAll([.. output], out var skipped, out _);

        packets.Count.ShouldBe(3);
        skipped.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Pcap_RecordLongerThanSnapLength_SkippedWhole()
    {
        var output = new List<byte>(CaptureFiles.Pcap(false, false, 1, 64, (1_700_000_000, 0, FrameA[..60])));
        CaptureFiles.Record(output, false, 1_700_000_000, 1, 200, 200);
        output.AddRange(new byte[200]);
        output.AddRange(CaptureFiles.Pcap(false, false, 1, 64, (1_700_000_000, 2, FrameB[..60]))[24..]);

        var packets = ReadAll([.. output], out var skipped, out _);

        packets.Count.ShouldBe(2);
        skipped.ShouldBe(1);
    }

    [Fact]
    public void Pcap_TruncatedInTheLastRecord_CountedNotThrown()
    {
        var file = CaptureFiles.Pcap(false, false, 1, 65535, (1_700_000_000, 0, FrameA), (1_700_000_001, 0, FrameB));

        var packets = ReadAll(file[..^10], out var skipped, out _);

        packets.Count.ShouldBe(1);
        skipped.ShouldBe(1);
    }

    [Fact]
    public void Pcapng_GarbageBetweenBlocks_SkippedAndReadingResumes()
    {
        byte[] file =
        [
            .. CaptureFiles.SectionHeader(false),
            .. CaptureFiles.Interface(false, 1, null),
            .. CaptureFiles.Enhanced(false, 0, 1, FrameA),
            .. "garbage! not a block at all, 0xFFFFFFFF"u8,
            0xFF, 0xFF, 0xFF, 0xFF,
            .. CaptureFiles.Enhanced(false, 0, 2, FrameB),
        ];

        var packets = ReadAll(file, out var skipped, out _);

        packets.Count.ShouldBe(2);
        skipped.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Open_NotACapture_Null()
    {
        using var stream = new MemoryStream("#separator \\x09\n"u8.ToArray());

        CaptureReader.Open(stream).ShouldBeNull();
    }

    private static List<(long TimestampNs, int Length)> ReadAll(byte[] file, out long skipped, out CaptureFormat format)
    {
        using var reader = CaptureReader.Open(new MemoryStream(file)).ShouldNotBeNull();
        var packets = new List<(long, int)>();
        while (reader.TryRead(out var packet))
        {
            packets.Add((packet.TimestampNs, packet.Data.Length));
        }

        skipped = reader.Skipped;
        format = reader.Format;
        return packets;
    }
}
