using System.Buffers;

namespace Castellan.Cli.Output;

/// <summary>
/// A whole output held in memory before it is written (so a failure writes nothing), in chunks below the large-object
/// threshold: a report of several hundred KB grown by doubling one array would allocate a few MB on the large-object heap,
/// which in a short CLI process costs a full garbage collection.
/// </summary>
public sealed class ChunkedBuffer : IBufferWriter<byte>
{
    private const int ChunkSize = 64 * 1024;

    private readonly List<byte[]> _full = [];
    private readonly List<int> _fullUsed = [];
    private byte[] _current = new byte[ChunkSize];
    private int _used;
    private long _fullLength;

    public long Length => _fullLength + _used;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _current.Length - _used);
        _used += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // Reserve first: it may replace the current chunk.
        var start = Reserve(sizeHint);
        return _current.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _current.AsSpan(start);
    }

    /// <summary>Writes what was written, in order.</summary>
    public void WriteTo(Stream stream)
    {
        for (var i = 0; i < _full.Count; i++)
        {
            stream.Write(_full[i], 0, _fullUsed[i]);
        }

        stream.Write(_current, 0, _used);
    }

    public byte[] ToArray()
    {
        var all = new byte[Length];
        var offset = 0;
        for (var i = 0; i < _full.Count; i++)
        {
            Array.Copy(_full[i], 0, all, offset, _fullUsed[i]);
            offset += _fullUsed[i];
        }

        Array.Copy(_current, 0, all, offset, _used);
        return all;
    }

    /// <summary>Makes room for at least <paramref name="sizeHint"/> bytes (at least one) and returns where they start.</summary>
    private int Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _used >= needed)
        {
            return _used;
        }

        // The rest of the chunk stays unused: writers ask for at least a few KB at a time.
        if (_used > 0)
        {
            _full.Add(_current);
            _fullUsed.Add(_used);
            _fullLength += _used;
        }

        _current = new byte[Math.Max(ChunkSize, needed)];
        _used = 0;
        return 0;
    }
}
