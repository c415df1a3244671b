using System.Buffers.Binary;

namespace Castellan.Network.Captures;

/// <summary>
/// pcapng (draft-ietf-opsawg-pcapng): section header blocks in either byte order, several sections and interfaces,
/// interface description blocks with if_tsresol and if_tsoffset, enhanced, simple and (obsolete) packet blocks.
/// Every other block type is skipped by its length; a block whose length or trailer is wrong is counted as skipped
/// and the reader scans on to the next plausible block.
/// </summary>
public sealed class PcapngReader : CaptureReader
{
    private const uint SectionHeader = 0x0A0D0D0A;
    private const uint InterfaceDescription = 1;
    private const uint ObsoletePacket = 2;
    private const uint SimplePacket = 3;
    private const uint EnhancedPacket = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;

    /// <summary>Blocks up to this size are read through the buffer; larger ones are skipped.</summary>
    private const int MaxBlockLength = MaxRecordLength + 64 * 1024;

    private readonly List<Interface> interfaces = [];
    private bool bigEndian;

    internal PcapngReader(Stream stream)
        : base(stream)
    {
    }

    public override CaptureFormat Format => CaptureFormat.Pcapng;

    /// <summary>Link types of the interfaces described so far (all sections).</summary>
    public IReadOnlyCollection<int> LinkTypes => [.. seenLinkTypes];

    private readonly HashSet<int> seenLinkTypes = [];

    public override bool TryRead(out CapturedPacket packet)
    {
        packet = default;
        while (true)
        {
            if (!Buffer.Ensure(12))
            {
                if (Buffer.Available > 0)
                {
                    Skipped++;
                    Buffer.Skip(Buffer.Available);
                }

                return false;
            }

            var span = Buffer.Span;
            var type = BinaryPrimitives.ReadUInt32LittleEndian(span);
            if (type == SectionHeader)
            {
                var magic = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
                if (magic == ByteOrderMagic || magic == 0x4D3C2B1A)
                {
                    bigEndian = magic != ByteOrderMagic;
                }
            }
            else
            {
                type = U32(span);
            }

            var length = U32(span[4..]);
            if (length < 12 || length % 4 != 0)
            {
                Skipped++;
                Resynchronise();
                continue;
            }

            if (length > MaxBlockLength)
            {
                Skipped++;
                if (length > 64 * 1024 * 1024)
                {
                    Resynchronise();
                }
                else
                {
                    Buffer.Skip(length);
                }

                continue;
            }

            if (!Buffer.Ensure((int)length))
            {
                Skipped++;
                Buffer.Skip(Buffer.Available);
                return false;
            }

            var block = Buffer.Span[..(int)length];
            if (U32(block[^4..]) != length)
            {
                Skipped++;
                Resynchronise();
                continue;
            }

            var body = block[8..^4];
            var produced = type switch
            {
                SectionHeader => StartSection(body),
                InterfaceDescription => AddInterface(body),
                EnhancedPacket => Enhanced(body, out packet),
                SimplePacket => Simple(body, out packet),
                ObsoletePacket => Obsolete(body, out packet),
                _ => false,
            };
            Buffer.Advance((int)length);
            if (produced)
            {
                return true;
            }
        }
    }

    private bool StartSection(ReadOnlySpan<byte> body)
    {
        interfaces.Clear();
        if (body.Length < 16)
        {
            Skipped++;
        }

        return false;
    }

    private bool AddInterface(ReadOnlySpan<byte> body)
    {
        if (body.Length < 8)
        {
            Skipped++;
            interfaces.Add(new Interface(-1, 0, 1000, 0));
            return false;
        }

        var linkType = U16(body);
        var snapLength = U32(body[4..]);
        long multiplier = 1000, divisor = 1, offsetSeconds = 0;
        int binaryShift = -1;
        var options = body[8..];
        while (options.Length >= 4)
        {
            var code = U16(options);
            var optionLength = U16(options[2..]);
            if (code == 0 || 4 + optionLength > options.Length)
            {
                break;
            }

            var value = options.Slice(4, optionLength);
            if (code == 9 && optionLength >= 1)
            {
                // if_tsresol: high bit clear = 10^-n seconds, set = 2^-n seconds.
                var n = value[0] & 0x7F;
                if ((value[0] & 0x80) != 0)
                {
                    binaryShift = Math.Min(n, 63);
                }
                else if (n <= 9)
                {
                    multiplier = Pow10(9 - n);
                }
                else
                {
                    multiplier = 1;
                    divisor = Pow10(Math.Min(n - 9, 18));
                }
            }
            else if (code == 14 && optionLength >= 8)
            {
                offsetSeconds = (long)U64(value);
            }

            options = options[(4 + ((optionLength + 3) & ~3))..];
        }

        seenLinkTypes.Add(linkType);
        interfaces.Add(new Interface(linkType, snapLength, multiplier, divisor, binaryShift, offsetSeconds));
        return false;
    }

    private bool Enhanced(ReadOnlySpan<byte> body, out CapturedPacket packet)
    {
        packet = default;
        if (body.Length < 20)
        {
            Skipped++;
            return false;
        }

        var id = U32(body);
        var captured = U32(body[12..]);
        var original = U32(body[16..]);
        if (id >= (uint)interfaces.Count || captured > (uint)(body.Length - 20) || captured > MaxRecordLength || interfaces[(int)id].LinkType < 0)
        {
            Skipped++;
            return false;
        }

        var nic = interfaces[(int)id];
        var units = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
        packet = new CapturedPacket(nic.LinkType, nic.ToNanoseconds(units), (int)Math.Min(Math.Max(original, captured), int.MaxValue), body.Slice(20, (int)captured));
        return true;
    }

    private bool Simple(ReadOnlySpan<byte> body, out CapturedPacket packet)
    {
        packet = default;
        if (body.Length < 4 || interfaces.Count == 0 || interfaces[0].LinkType < 0)
        {
            Skipped++;
            return false;
        }

        var original = U32(body);
        var captured = (int)Math.Min(original, (uint)(body.Length - 4));
        if (interfaces[0].SnapLength > 0)
        {
            captured = (int)Math.Min((uint)captured, interfaces[0].SnapLength);
        }

        packet = new CapturedPacket(interfaces[0].LinkType, 0, (int)Math.Min(original, int.MaxValue), body.Slice(4, captured));
        return true;
    }

    private bool Obsolete(ReadOnlySpan<byte> body, out CapturedPacket packet)
    {
        packet = default;
        if (body.Length < 20)
        {
            Skipped++;
            return false;
        }

        var id = U16(body);
        var captured = U32(body[12..]);
        var original = U32(body[16..]);
        if (id >= interfaces.Count || captured > (uint)(body.Length - 20) || interfaces[id].LinkType < 0)
        {
            Skipped++;
            return false;
        }

        var units = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
        packet = new CapturedPacket(interfaces[id].LinkType, interfaces[id].ToNanoseconds(units), (int)Math.Min(Math.Max(original, captured), int.MaxValue), body.Slice(20, (int)captured));
        return true;
    }

    /// <summary>Scans forward (4-byte steps are not assumed: garbage may be any length) for a block whose header and trailer agree.</summary>
    private void Resynchronise()
    {
        Buffer.Advance(1);
        while (Buffer.Ensure(RecordBuffer.Capacity) || Buffer.Available >= 12)
        {
            var span = Buffer.Span;
            var limit = Math.Min(span.Length - 12, RecordBuffer.Capacity / 2);
            for (var i = 0; i <= limit; i++)
            {
                var candidate = span[i..];
                var type = BinaryPrimitives.ReadUInt32LittleEndian(candidate);
                var known = type == SectionHeader || U32(candidate) is InterfaceDescription or SimplePacket or EnhancedPacket or 4 or 5;
                if (!known)
                {
                    continue;
                }

                var length = U32(candidate[4..]);
                if (length >= 12 && length % 4 == 0 && length <= MaxBlockLength && (length > candidate.Length || U32(candidate[((int)length - 4)..]) == length))
                {
                    Buffer.Advance(i);
                    return;
                }
            }

            Buffer.Advance(limit + 1);
        }
    }

    private static long Pow10(int n)
    {
        var value = 1L;
        for (var i = 0; i < n; i++)
        {
            value *= 10;
        }

        return value;
    }

    private ushort U16(ReadOnlySpan<byte> span) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);

    private uint U32(ReadOnlySpan<byte> span) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);

    private ulong U64(ReadOnlySpan<byte> span) =>
        bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(span) : BinaryPrimitives.ReadUInt64LittleEndian(span);

    /// <summary>An interface of the current section; LinkType -1 marks a damaged description.</summary>
    private readonly record struct Interface(int LinkType, uint SnapLength, long Multiplier, long Divisor, int BinaryShift = -1, long OffsetSeconds = 0)
    {
        public long ToNanoseconds(ulong units)
        {
            long ns;
            if (BinaryShift >= 0)
            {
                ns = (long)(((UInt128)units * 1_000_000_000UL) >> BinaryShift);
            }
            else
            {
                ns = (long)(units / (ulong)Divisor * (ulong)Multiplier);
            }

            return ns + (OffsetSeconds * 1_000_000_000L);
        }
    }
}
