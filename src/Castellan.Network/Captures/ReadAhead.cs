using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Castellan.Network.Captures;

/// <summary>
/// Reads a large capture file one chunk ahead on a second thread, so that copying the bytes in (what <c>cat</c>
/// spends its time on) overlaps with parsing them instead of adding to it. Chunks come back in file order, each in an
/// array of twice <see cref="RecordBuffer.Capacity"/> bytes with its data in the upper half: the reader of the chunks
/// moves the part of a record cut at a chunk's end in front of the next chunk, rather than copying the chunk. A fixed
/// number of arrays circulate, so memory stays the same whatever the file size.
/// </summary>
internal sealed class ReadAhead : IDisposable
{
    /// <summary>Files shorter than this are read on the calling thread: a second thread would not pay for itself.</summary>
    public const long MinimumLength = 8L * RecordBuffer.Capacity;

    /// <summary>Arrays in circulation: one being parsed, the others being filled or waiting.</summary>
    private const int Arrays = 3;

    private readonly Stream stream;
    private readonly BlockingCollection<byte[]> free = [];
    private readonly BlockingCollection<Chunk> filled = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;

    private ReadAhead(Stream stream)
    {
        this.stream = stream;
        for (var i = 0; i < Arrays; i++)
        {
            free.Add(GC.AllocateUninitializedArray<byte>(2 * RecordBuffer.Capacity));
        }

        thread = new Thread(Run) { IsBackground = true, Name = "castellan capture read-ahead" };
        thread.Start();
    }

    /// <summary>A reader for <paramref name="stream"/> when it is a large file on a machine with a second core to read it on; else null.</summary>
    public static ReadAhead? For(Stream stream) =>
        Environment.ProcessorCount > 1 && stream is FileStream { CanSeek: true } file && file.Length - file.Position >= MinimumLength
            ? new ReadAhead(stream)
            : null;

    /// <summary>True when <paramref name="array"/> is one of this reader's arrays (to be given back with <see cref="Return"/>).</summary>
    public static bool Owns(byte[] array) => array.Length == 2 * RecordBuffer.Capacity;

    /// <summary>
    /// The next chunk: its data is <c>array[Capacity .. Capacity + length)</c>; length 0 at the end of the file. Throws
    /// what reading the file threw (an <see cref="IOException"/>), at the point of the file where it happened.
    /// </summary>
    public (byte[] Array, int Length) Next()
    {
        var chunk = filled.Take();
        if (chunk.Error is not null)
        {
            ExceptionDispatchInfo.Throw(chunk.Error);
        }

        return (chunk.Array!, chunk.Length);
    }

    /// <summary>Gives an array back to be filled again, once nothing in it is needed.</summary>
    public void Return(byte[] array) => free.Add(array);

    private void Run()
    {
        try
        {
            while (true)
            {
                var array = free.Take(stop.Token);
                var length = 0;
                while (length < RecordBuffer.Capacity)
                {
                    var n = stream.Read(array, RecordBuffer.Capacity + length, RecordBuffer.Capacity - length);
                    if (n == 0)
                    {
                        break;
                    }

                    length += n;
                }

                filled.Add(new Chunk(array, length, null));
                if (length == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed before the end of the file.
        }
        catch (Exception e)
        {
            // Not handled here: thrown again on the reading thread by Next (an exception escaping this thread would end the process).
            filled.Add(new Chunk(null, 0, e));
        }
    }

    /// <summary>Stops reading (the thread ends before the stream may be disposed).</summary>
    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        stop.Dispose();
        free.Dispose();
        filled.Dispose();
    }

    private readonly record struct Chunk(byte[]? Array, int Length, Exception? Error);
}
