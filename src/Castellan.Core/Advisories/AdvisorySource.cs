using System.Buffers;
using System.IO.Compression;
using K4os.Compression.LZ4;

namespace Castellan.Core.Advisories;

/// <summary>
/// How an imported CSAF document is kept with its source: the file's bytes compressed with LZ4 (a marker byte, then
/// K4os' LZ4 pickle: the length and the block). JSON compresses about 4 to 1 with it: the 45 MB of the 2,035 CISA
/// advisories are stored as 11 MB, which SQLite writes twice in write-ahead-log mode (log, then checkpoint) and
/// `castellan vulns` reads back. LZ4 compresses these documents in 60 % of the time of zlib's fastest level and
/// decompresses them several times faster, for a few percent more bytes. Decompressed, it is the file byte for byte
/// (the file's SHA-256 is stored beside it). Rows stored before (zlib, or the bytes as they were) still read.
/// </summary>
public static class AdvisorySource
{
    // The first byte of a row stored with LZ4: JSON text cannot start with 'L'.
    private const byte Lz4Marker = (byte)'L';

    // The first byte of a zlib stream with a 32 KB window (CMF): rows imported before LZ4. JSON text cannot start with 'x'.
    private const byte ZlibHeader = 0x78;

    [ThreadStatic]
    private static PooledWriter? scratch;

    public static byte[] Compress(ReadOnlySpan<byte> document)
    {
        // Marker and pickle written into this thread's pooled buffer, then copied once into an array of the exact size.
        var buffer = scratch ??= new PooledWriter();
        try
        {
            buffer.GetSpan(1)[0] = Lz4Marker;
            buffer.Advance(1);
            LZ4Pickler.Pickle(document, buffer, LZ4Level.L00_FAST);
            return buffer.Written.ToArray();
        }
        finally
        {
            buffer.Reset();
        }
    }

    /// <summary>
    /// A buffer writer over ArrayPool arrays. A document larger than the thread's usual buffer borrows a larger array
    /// and gives it back when it is compressed: an ArrayBufferWriter grew a new array for each larger document, once per
    /// thread, most of them large-object-heap arrays (several MB per import, each megabyte of them bringing the next full
    /// collection closer).
    /// </summary>
    private sealed class PooledWriter : IBufferWriter<byte>
    {
        // What a usual document needs (the CISA advisories' median is 13 KB), below the large-object heap's 85 KB.
        private readonly byte[] own = new byte[64 * 1024];
        private byte[] buffer;
        private int written;

        public PooledWriter() => buffer = own;

        public ReadOnlySpan<byte> Written => buffer.AsSpan(0, written);

        public void Advance(int count) => written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(written);

        public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(written);

        public void Reset()
        {
            written = 0;
            if (buffer != own)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = own;
            }
        }

        private byte[] Ensure(int sizeHint)
        {
            var needed = written + Math.Max(sizeHint, 1);
            if (needed > buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(needed);
                Written.CopyTo(larger);
                if (buffer != own)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                buffer = larger;
            }

            return buffer;
        }
    }

    /// <summary>The document's bytes as they were imported.</summary>
    public static byte[] Decompress(byte[] stored)
    {
        if (stored.Length == 0)
        {
            return stored;
        }

        if (stored[0] == Lz4Marker)
        {
            return LZ4Pickler.Unpickle(stored.AsSpan(1));
        }

        if (stored[0] != ZlibHeader)
        {
            return stored; // rows migrated from the text column hold the bytes uncompressed
        }

        using var zlib = new ZLibStream(new MemoryStream(stored, writable: false), CompressionMode.Decompress);
        using var document = new MemoryStream(stored.Length * 5);
        zlib.CopyTo(document);
        return document.Length == document.Capacity ? document.GetBuffer() : document.ToArray();
    }
}
