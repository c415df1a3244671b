using System.IO.Compression;

namespace Castellan.Core.Advisories;

/// <summary>
/// How an imported CSAF document is kept with its source: the file's bytes as a zlib stream (RFC 1950: deflate with an
/// Adler-32 check of the bytes) at the fastest level. JSON compresses about 4.5 to 1: the 45 MB of the 2,035 CISA
/// advisories are stored as 10 MB, which SQLite writes twice in write-ahead-log mode (log, then checkpoint) and
/// `castellan vulns` reads back. Decompressed, it is the file byte for byte (the file's SHA-256 is stored beside it).
/// </summary>
public static class AdvisorySource
{
    // The first byte of a zlib stream with a 32 KB window (CMF). A stored row that does not start with it holds the
    // bytes uncompressed (rows migrated from the text column): a CSAF document is a JSON object, and JSON text cannot
    // start with 'x'.
    private const byte ZlibHeader = 0x78;

    public static byte[] Compress(ReadOnlySpan<byte> document)
    {
        using var buffer = new MemoryStream(document.Length / 4 + 64);
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(document);
        }

        return buffer.ToArray();
    }

    /// <summary>The document's bytes as they were imported.</summary>
    public static byte[] Decompress(byte[] stored)
    {
        if (stored.Length == 0 || stored[0] != ZlibHeader)
        {
            return stored;
        }

        using var zlib = new ZLibStream(new MemoryStream(stored, writable: false), CompressionMode.Decompress);
        using var document = new MemoryStream(stored.Length * 5);
        zlib.CopyTo(document);
        return document.Length == document.Capacity ? document.GetBuffer() : document.ToArray();
    }
}
