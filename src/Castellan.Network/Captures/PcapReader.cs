using System.Buffers.Binary;

namespace Castellan.Network.Captures;

/// <summary>
/// Classic libpcap files: both byte orders, microsecond (0xA1B2C3D4) and nanosecond (0xA1B23C4D) timestamps.
/// A damaged record header is recovered from by scanning for the next plausible header (linear, so never a hang).
/// </summary>
public sealed class PcapReader : CaptureReader
{
    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    /// <summary>Consecutive plausible record headers that make an offset a record boundary (<see cref="FindRecordStart"/>).</summary>
    private const int RecordChain = 8;

    private readonly bool bigEndian;
    private readonly long fractionToNs;
    private readonly uint fractionLimit;
    private readonly int recordLimit;
    private long lastSeconds = -1;

    internal PcapReader(Stream stream, bool readAhead = true)
        : base(stream, readAhead)
    {
        if (!Buffer.Ensure(FileHeaderLength))
        {
            Problem = "truncated pcap file header";
            return;
        }

        var header = Buffer.Span;
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bigEndian = magic is 0xD4C3B2A1 or 0x4D3CB2A1;
        var nanoseconds = magic is 0xA1B23C4D or 0x4D3CB2A1;
        fractionToNs = nanoseconds ? 1 : 1000;
        fractionLimit = nanoseconds ? 1_000_000_000u : 1_000_000u;
        var snapLength = U32(header[16..]);
        SnapLength = snapLength;
        recordLimit = snapLength is > 0 and <= MaxRecordLength ? (int)snapLength : MaxRecordLength;

        // LinkType: the low 16 bits; the upper bits may carry an FCS length (pcap file format draft, section 4).
        LinkType = (int)(U32(header[20..]) & 0xFFFF);
        Buffer.Advance(FileHeaderLength);
    }

    /// <summary>
    /// A reader of a part of the same file: <paramref name="segment"/> is positioned at a record header (see
    /// <see cref="FindRecordStart"/>); byte order, resolution, snap and link type are those of <paramref name="file"/>'s header.
    /// </summary>
    internal PcapReader(Stream segment, PcapReader file)
        : base(segment, readAhead: false)
    {
        (bigEndian, fractionToNs, fractionLimit, recordLimit) = (file.bigEndian, file.fractionToNs, file.fractionLimit, file.recordLimit);
        (SnapLength, LinkType, Problem) = (file.SnapLength, file.LinkType, file.Problem);
    }

    public override CaptureFormat Format => CaptureFormat.Pcap;

    /// <summary>Length of the file header: the first record starts there.</summary>
    internal static int HeaderLength => FileHeaderLength;

    /// <summary>
    /// The reader stops at the first record that starts at or past this position (a part of a file read on its own,
    /// see SplitCapture): what a damaged record before it makes the reader step over may end past it, never what
    /// starts there.
    /// </summary>
    internal long Limit { get; set; } = long.MaxValue;

    public int LinkType { get; }

    public uint SnapLength { get; }

    /// <summary>Why the file cannot be read at all (a truncated header), or null.</summary>
    public string? Problem { get; }

    // Inlined into the capture analyser's pcap loop (a direct call there: the class is sealed).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public override bool TryRead(out CapturedPacket packet)
    {
        // The common case first: a well-formed record wholly in the buffer.
        var offset = 0;
        if (TryReadBuffered(Buffered, ref offset, out packet))
        {
            Buffer.Advance(offset);
            return true;
        }

        return TryReadSlow(out packet);
    }

    /// <summary>The bytes the reader holds and has not consumed (empty when the file cannot be read): whole records, then maybe part of one.</summary>
    internal ReadOnlySpan<byte> Buffered
    {
        get
        {
            if (Problem is not null)
            {
                return default;
            }

            var span = Buffer.Span;
            return Limit - Buffer.Position < span.Length ? span[..(int)Math.Max(0, Limit - Buffer.Position)] : span;
        }
    }

    /// <summary>
    /// The well-formed record at <paramref name="offset"/> of <paramref name="records"/> (from <see cref="Buffered"/>),
    /// offset moved past it; false at a record that is not wholly there or not well formed — then
    /// <see cref="Consume"/> the offset and go on with <see cref="TryRead"/>, which refills or steps over it. The same
    /// record as <see cref="TryRead"/> would read, but the reader's position moves once per block, not per packet.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool TryReadBuffered(ReadOnlySpan<byte> records, scoped ref int offset, out CapturedPacket packet)
    {
        var span = records[offset..];
        if (span.Length >= RecordHeaderLength)
        {
            var seconds = U32(span);
            var fraction = U32(span[4..]);
            var captured = U32(span[8..]);
            var original = U32(span[12..]);
            if (captured <= (uint)recordLimit && fraction < fractionLimit && captured <= (uint)(span.Length - RecordHeaderLength))
            {
                lastSeconds = seconds;
                packet = new CapturedPacket(LinkType, (seconds * 1_000_000_000L) + (fraction * fractionToNs), (int)Math.Min(Math.Max(original, captured), int.MaxValue), span.Slice(RecordHeaderLength, (int)captured));
                offset += RecordHeaderLength + (int)captured;
                return true;
            }
        }

        packet = default;
        return false;
    }

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="Buffered"/> as read (the records <see cref="TryReadBuffered"/> returned).</summary>
    internal void Consume(int count) => Buffer.Advance(count);

    private bool TryReadSlow(out CapturedPacket packet)
    {
        packet = default;
        if (Problem is not null)
        {
            return false;
        }

        while (true)
        {
            if (Buffer.Position >= Limit)
            {
                return false;
            }

            if (!Buffer.Ensure(RecordHeaderLength))
            {
                if (Buffer.Available > 0)
                {
                    Skipped++;
                    Buffer.Skip(Buffer.Available);
                }

                return false;
            }

            var span = Buffer.Span;
            var seconds = U32(span);
            var fraction = U32(span[4..]);
            var captured = U32(span[8..]);
            var original = U32(span[12..]);
            if (captured <= (uint)recordLimit && fraction < fractionLimit)
            {
                if (!Buffer.Ensure(RecordHeaderLength + (int)captured))
                {
                    Skipped++;
                    Buffer.Skip(Buffer.Available);
                    return false;
                }

                lastSeconds = seconds;
                var wire = (int)Math.Min(Math.Max(original, captured), int.MaxValue);
                packet = new CapturedPacket(LinkType, (seconds * 1_000_000_000L) + (fraction * fractionToNs), wire, Buffer.Span.Slice(RecordHeaderLength, (int)captured));
                Buffer.Advance(RecordHeaderLength + (int)captured);
                return true;
            }

            Skipped++;
            if (captured <= 64 * 1024 * 1024 && original >= captured && fraction < fractionLimit && PlausibleTime(seconds))
            {
                // A well-formed record longer than the snap length: step over it whole.
                Buffer.Skip(RecordHeaderLength + (long)captured);
                continue;
            }

            Resynchronise();
        }
    }

    /// <summary>Advances byte by byte to the next offset that holds a plausible record header followed by another.</summary>
    private void Resynchronise()
    {
        Buffer.Advance(1);
        while (Buffer.Ensure(RecordBuffer.Capacity) || Buffer.Available >= RecordHeaderLength)
        {
            var span = Buffer.Span;
            var limit = Math.Min(span.Length - RecordHeaderLength, RecordBuffer.Capacity / 2);
            for (var i = 0; i <= limit; i++)
            {
                if (Plausible(span[i..], out var length) && (i + RecordHeaderLength + length + RecordHeaderLength > span.Length
                    ? i + RecordHeaderLength + length >= span.Length
                    : Plausible(span[(i + RecordHeaderLength + length)..], out _)))
                {
                    Buffer.Advance(i);
                    return;
                }
            }

            Buffer.Advance(limit + 1);
        }
    }

    private bool Plausible(ReadOnlySpan<byte> header, out int length)
    {
        length = 0;
        if (header.Length < RecordHeaderLength)
        {
            return false;
        }

        var captured = U32(header[8..]);
        var original = U32(header[12..]);
        if (captured > (uint)recordLimit || original < captured || original > MaxRecordLength * 4u || U32(header[4..]) >= fractionLimit || !PlausibleTime(U32(header)))
        {
            return false;
        }

        length = (int)captured;
        return true;
    }

    /// <summary>
    /// The first offset of <paramref name="window"/> (bytes of this file from some position on) where
    /// eight plausible record headers follow one another, each record wholly in the window — or the
    /// last of them ending exactly at its end when the window reaches the end of the file; -1 when there is none. A
    /// chain of eight headers (lengths from 1 to the snap length — zero-filled packet data would otherwise read as a
    /// chain of empty records — valid fractions, times within a day of each other) is what a record boundary looks
    /// like; it can still be fooled by packet data that holds such a chain, so a part of the file read from such an
    /// offset is only kept once the reading before it has ended exactly there.
    /// </summary>
    internal int FindRecordStart(ReadOnlySpan<byte> window, bool windowReachesEnd)
    {
        for (var i = 0; i + RecordHeaderLength <= window.Length; i++)
        {
            var at = i;
            var first = U32(window[at..]);
            var found = 0;
            while (found < RecordChain)
            {
                if (at == window.Length && windowReachesEnd && found > 0)
                {
                    return i;
                }

                if (at + RecordHeaderLength > window.Length)
                {
                    break;
                }

                var header = window[at..];
                var seconds = U32(header);
                var captured = U32(header[8..]);
                var original = U32(header[12..]);
                if (captured == 0 || captured > (uint)recordLimit || original < captured || original > MaxRecordLength * 4u || U32(header[4..]) >= fractionLimit
                    || Math.Abs((long)seconds - first) > 86_400 || at + RecordHeaderLength + (long)captured > window.Length)
                {
                    break;
                }

                at += RecordHeaderLength + (int)captured;
                found++;
            }

            if (found == RecordChain)
            {
                return i;
            }
        }

        return -1;
    }

    private bool PlausibleTime(uint seconds) => lastSeconds < 0 || Math.Abs(seconds - lastSeconds) <= 86_400L * 366;

    private uint U32(ReadOnlySpan<byte> span) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
}
