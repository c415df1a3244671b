namespace Castellan.Network.Captures;

/// <summary>One packet record, valid until the next read (its bytes live in the reader's reused buffer).</summary>
public readonly ref struct CapturedPacket(int linkType, long timestampNs, int originalLength, ReadOnlySpan<byte> data)
{
    /// <summary>LINKTYPE_* value (tcpdump.org link-layer header types).</summary>
    public int LinkType { get; } = linkType;

    /// <summary>Nanoseconds since 1970-01-01 UTC.</summary>
    public long TimestampNs { get; } = timestampNs;

    /// <summary>The length on the wire (what tshark calls the frame length); the captured bytes may be fewer.</summary>
    public int OriginalLength { get; } = originalLength;

    public ReadOnlySpan<byte> Data { get; } = data;
}
