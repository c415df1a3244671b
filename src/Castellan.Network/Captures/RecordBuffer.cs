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

    private readonly Stream stream;
    private byte[] buffer;
    private int start;
    private int end;
    private bool endOfStream;

    public RecordBuffer(Stream stream)
    {
        this.stream = stream;
        buffer = ArrayPool<byte>.Shared.Rent(Capacity);
    }

    /// <summary>Bytes of the stream consumed so far (the offset of the next unread byte).</summary>
    public long Position { get; private set; }

    public int Available => end - start;

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
            var n = stream.Read(buffer, end, buffer.Length - end);
            if (n == 0)
            {
                endOfStream = true;
                break;
            }

            end += n;
        }

        return end - start >= count;
    }

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }
}
