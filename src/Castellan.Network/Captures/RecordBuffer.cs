using System.Buffers;

namespace Castellan.Network.Captures;

/// <summary>
/// A window over a stream through one pooled buffer: records are parsed in place and the buffer is reused, so
/// memory stays the same whatever the file size. A record larger than the buffer is skipped, never buffered.
/// </summary>
internal sealed class RecordBuffer : IDisposable
{
    /// <summary>
    /// 1 MiB: four times the largest record kept (and more than a pcapng block may hold), and small enough that the
    /// bytes a read copies in are mostly still in the CPU cache when they are parsed.
    /// </summary>
    public const int Capacity = 1024 * 1024;

    /// <summary>
    /// Bytes asked of the stream per read on the calling thread (unless a record needs more): small enough that what a
    /// read copies in is still in the core's L2 cache when its records are parsed.
    /// </summary>
    private const int ReadSize = 128 * 1024;

    private readonly Stream stream;

    /// <summary>The chunks of a large file read on a second thread (see <see cref="Captures.ReadAhead"/>), or null.</summary>
    private readonly ReadAhead? ahead;
    private byte[] buffer;
    private int start;
    private int end;
    private bool endOfStream;

    public RecordBuffer(Stream stream, bool readAhead = true)
    {
        this.stream = stream;
        ahead = readAhead ? ReadAhead.For(stream) : null;
        buffer = ahead is null ? ArrayPool<byte>.Shared.Rent(Capacity) : [];
    }

    /// <summary>Bytes of the stream consumed so far (the offset of the next unread byte).</summary>
    public long Position { get; private set; }

    public int Available => end - start;

    /// <summary>Whether a second thread reads the stream ahead (a large file on a machine with more than one core).</summary>
    public bool ReadsAhead => ahead is not null;

    public bool AtEnd => start == end && !Fill(1);

    /// <summary>The unread bytes in the buffer (at least what the last successful <see cref="Ensure"/> asked for).</summary>
    public ReadOnlySpan<byte> Span => buffer.AsSpan(start, end - start);

    /// <summary>True when <paramref name="count"/> bytes are in the buffer; false at the end of the stream.</summary>
    public bool Ensure(int count) => end - start >= count || Fill(count);

    public void Advance(int count)
    {
        start += count;
        Position += count;
    }

    /// <summary>Skips <paramref name="count"/> bytes, in the buffer or beyond it; returns how many could be skipped.</summary>
    public long Skip(long count)
    {
        var inBuffer = (int)Math.Min(count, end - start);
        Advance(inBuffer);
        var rest = count - inBuffer;
        if (rest == 0)
        {
            return count;
        }

        if (ahead is not null)
        {
            var passed = 0L;
            while (passed < rest && FillAhead(1))
            {
                var step = (int)Math.Min(rest - passed, end - start);
                Advance(step);
                passed += step;
            }

            return inBuffer + passed;
        }

        start = end = 0;
        if (stream.CanSeek)
        {
            var remaining = Math.Max(0, stream.Length - stream.Position);
            var step = Math.Min(rest, remaining);
            stream.Seek(step, SeekOrigin.Current);
            Position += step;
            return inBuffer + step;
        }

        var skipped = 0L;
        while (skipped < rest)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, rest - skipped));
            if (n == 0)
            {
                break;
            }

            skipped += n;
        }

        Position += skipped;
        return inBuffer + skipped;
    }

    private bool Fill(int count)
    {
        if (ahead is not null)
        {
            return count <= Capacity && FillAhead(count);
        }

        if (count > buffer.Length)
        {
            return false;
        }

        if (start > 0 && (buffer.Length - start < count || start == end))
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        while (end - start < count && !endOfStream)
        {
            var n = stream.Read(buffer, end, Math.Min(buffer.Length - end, Math.Max(ReadSize, count - (end - start))));
            if (n == 0)
            {
                endOfStream = true;
                break;
            }

            end += n;
        }

        return end - start >= count;
    }

    /// <summary>
    /// Takes chunks from the read-ahead thread until <paramref name="count"/> (at most <see cref="Capacity"/>) bytes are
    /// there: the unread rest of the current chunk, shorter than that, is moved in front of the next one.
    /// </summary>
    private bool FillAhead(int count)
    {
        while (end - start < count && !endOfStream)
        {
            var (next, length) = ahead!.Next();
            if (length == 0)
            {
                endOfStream = true;
                ahead.Return(next);
                break;
            }

            var rest = end - start;
            buffer.AsSpan(start, rest).CopyTo(next.AsSpan(Capacity - rest));
            if (ReadAhead.Owns(buffer))
            {
                ahead.Return(buffer);
            }

            buffer = next;
            start = Capacity - rest;
            end = Capacity + length;
        }

        return end - start >= count;
    }

    public void Dispose()
    {
        if (ahead is not null)
        {
            ahead.Dispose();
            buffer = [];
        }
        else if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }
}
