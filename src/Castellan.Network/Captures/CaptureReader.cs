using System.Buffers.Binary;

namespace Castellan.Network.Captures;

/// <summary>
/// Reads packet records from a pcap or pcapng stream, chosen by the magic number (never the file name). Damaged
/// records — longer than the snap length, impossible lengths, a truncated end, garbage between blocks — are counted in
/// <see cref="Skipped"/> and stepped over; reading never throws on file content and always ends.
/// </summary>
public abstract class CaptureReader : IDisposable
{
    /// <summary>The largest record kept (libpcap's own maximum snapshot length); longer ones are skipped.</summary>
    public const int MaxRecordLength = 262_144;

    /// <param name="stream">The input.</param>
    /// <param name="readAhead">Whether a large file may be read ahead on a second thread (not when the caller reads parts of the file on several threads itself).</param>
    private protected CaptureReader(Stream stream, bool readAhead = true)
    {
        Buffer = new RecordBuffer(stream, readAhead);
    }

    public abstract CaptureFormat Format { get; }

    /// <summary>Records or blocks that could not be read as a packet and were stepped over.</summary>
    public long Skipped { get; private protected set; }

    /// <summary>Bytes of the input consumed so far.</summary>
    public long Position => Buffer.Position;

    /// <summary>Whether the file is read ahead on a second thread (see <see cref="ReadAhead"/>).</summary>
    internal bool ReadsAhead => Buffer.ReadsAhead;

    private protected RecordBuffer Buffer { get; }

    /// <summary>The format of a stream from its first four bytes, or null when it is neither pcap nor pcapng.</summary>
    public static CaptureFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
        {
            return null;
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(head) switch
        {
            0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 => CaptureFormat.Pcap,
            0x0A0D0D0A => CaptureFormat.Pcapng,
            _ => null,
        };
    }

    /// <summary>Opens a reader for <paramref name="stream"/>; null when the stream is not a capture this reads.</summary>
    public static CaptureReader? Open(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        var format = Detect(head[..read]);
        stream.Seek(-read, SeekOrigin.Current);
        return format switch
        {
            CaptureFormat.Pcap => new PcapReader(stream),
            CaptureFormat.Pcapng => new PcapngReader(stream),
            _ => null,
        };
    }

    /// <summary>The next packet, or false at the end of the input.</summary>
    public abstract bool TryRead(out CapturedPacket packet);

    public void Dispose()
    {
        Buffer.Dispose();
        GC.SuppressFinalize(this);
    }
}

public enum CaptureFormat
{
    Pcap,
    Pcapng,
}
