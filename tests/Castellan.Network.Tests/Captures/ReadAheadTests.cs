using Castellan.Network.Captures;
using Castellan.Tests;

namespace Castellan.Network.Tests.Captures;

/// <summary>
/// A large capture file is read ahead on a second thread in chunks that are swapped in, not copied: whatever the chunk
/// boundaries cut (records, damaged records, garbage, the truncated end), the records read, their bytes and what is
/// skipped are exactly those of reading the same bytes in line.
/// </summary>
public sealed class ReadAheadTests
{
    private static readonly byte[] Frame = CaptureFiles.TcpFrame("10.0.0.1", 40000, "10.0.0.2", 502, [0, 1, 0, 0, 0, 6, 1, 6, 0, 1, 0, 3]);

    [Fact]
    public void Pcap_LargeFileWithDamage_ReadAheadReadsWhatReadingInLineReads()
    {
        SkipOnOneCore();
        var output = CaptureFiles.DamagedPcap(new Random(7), 3 * ReadAhead.MinimumLength / 2, Frame, every: 5_000);

        AssertSameAsInLine([.. output.Take(output.Count - 7)]);
    }

    [Fact]
    public void Pcapng_LargeFileWithGarbage_ReadAheadReadsWhatReadingInLineReads()
    {
        SkipOnOneCore();
        var output = new List<byte>([.. CaptureFiles.SectionHeader(false), .. CaptureFiles.Interface(false, 1, null)]);
        var random = new Random(11);
        for (var packet = 1UL; output.Count < 3 * ReadAhead.MinimumLength / 2; packet++)
        {
            output.AddRange(packet % 3_000 == 0
                ? CaptureFiles.RandomBytes(random, 517)
                : CaptureFiles.Enhanced(false, 0, 1_700_000_000_000_000 + packet, [.. Frame, .. CaptureFiles.RandomBytes(random, random.Next(0, 1_400))]));
        }

        AssertSameAsInLine([.. output]);
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsTheReadAheadThread()
    {
        SkipOnOneCore();
        var records = Enumerable.Range(0, 12_000).Select(i => (1_700_000_000u, (uint)i, Frame.Concat(new byte[1_000]).ToArray())).ToArray();
        var path = Write(CaptureFiles.Pcap(false, false, 1, 65535, records));
        using var stream = File.OpenRead(path);
        var reader = CaptureReader.Open(stream).ShouldNotBeNull();
        reader.ReadsAhead.ShouldBeTrue();
        reader.TryRead(out _).ShouldBeTrue();

        reader.Dispose();

        // The stream is the caller's again: nothing reads it behind its back.
        stream.Position = 0;
        stream.ReadByte().ShouldBe(0xD4);
    }

    [Fact]
    public void ReadError_OnTheReadAheadThread_IsThrownToTheReaderAsIs()
    {
        SkipOnOneCore();
        var records = Enumerable.Range(0, 12_000).Select(i => (1_700_000_000u, (uint)i, Frame.Concat(new byte[1_000]).ToArray())).ToArray();
        using var stream = new FailingStream(Write(CaptureFiles.Pcap(false, false, 1, 65535, records)), failAfter: 3 * RecordBuffer.Capacity);
        using var reader = CaptureReader.Open(stream).ShouldNotBeNull();
        reader.ReadsAhead.ShouldBeTrue();
        var packets = 0;

        var error = Should.Throw<IOException>(() =>
        {
            while (reader.TryRead(out _))
            {
                packets++;
            }
        });

        error.Message.ShouldBe("disk gone");
        packets.ShouldBeGreaterThan(0);
    }

    private sealed class FailingStream(string path, long failAfter) : FileStream(path, FileMode.Open, FileAccess.Read)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= failAfter ? throw new IOException("disk gone") : base.Read(buffer, offset, (int)Math.Min(count, failAfter - Position));
    }

    /// <summary>A machine (or a CPU affinity) with one core reads in line only: nothing here to test.</summary>
    private static void SkipOnOneCore()
    {
        if (Environment.ProcessorCount < 2)
        {
            Assert.Skip("read-ahead needs a second core (Environment.ProcessorCount is 1)");
        }
    }

    private static void AssertSameAsInLine(byte[] file)
    {
        file.Length.ShouldBeGreaterThan((int)ReadAhead.MinimumLength);
        var inLine = Read(new MemoryStream(file), expectReadAhead: false);

        var path = Write(file);
        using var stream = File.OpenRead(path);
        var ahead = Read(stream, expectReadAhead: true);

        ahead.Skipped.ShouldBe(inLine.Skipped);
        ahead.Skipped.ShouldBeGreaterThan(0);
        ahead.Position.ShouldBe(file.Length);
        inLine.Position.ShouldBe(file.Length);
        ahead.Packets.Count.ShouldBe(inLine.Packets.Count);
        ahead.Packets.ShouldBe(inLine.Packets);
    }

    private static (List<(long TimestampNs, int Length, int Hash)> Packets, long Skipped, long Position) Read(Stream stream, bool expectReadAhead)
    {
        using var reader = CaptureReader.Open(stream).ShouldNotBeNull();
        reader.ReadsAhead.ShouldBe(expectReadAhead);
        var packets = new List<(long, int, int)>();
        while (reader.TryRead(out var packet))
        {
            var hash = new HashCode();
            hash.AddBytes(packet.Data);
            packets.Add((packet.TimestampNs, packet.Data.Length, hash.ToHashCode()));
        }

        return (packets, reader.Skipped, reader.Position);
    }


    private static string Write(byte[] file)
    {
        var path = Path.Combine(TestPaths.TempDirectory(), "large.pcap");
        File.WriteAllBytes(path, file);
        return path;
    }
}
