using System.Buffers.Binary;

namespace Castellan.Network.Tests.Captures;

/// <summary>Builds small pcap and pcapng files and frames byte by byte, for reader and decoder tests.</summary>
internal static class CaptureFiles
{
    /// <summary>A classic pcap: magic by byte order and resolution, then (seconds, fraction, caplen, origlen, data) records.</summary>
    public static byte[] Pcap(bool bigEndian, bool nanoseconds, int linkType, uint snapLength, params (uint Seconds, uint Fraction, byte[] Data)[] records)
    {
        var output = new List<byte>();
        U32(output, nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4, bigEndian);
        U16(output, 2, bigEndian);
        U16(output, 4, bigEndian);
        U32(output, 0, bigEndian);
        U32(output, 0, bigEndian);
        U32(output, snapLength, bigEndian);
        U32(output, (uint)linkType, bigEndian);
        foreach (var (seconds, fraction, data) in records)
        {
            Record(output, bigEndian, seconds, fraction, (uint)data.Length, (uint)data.Length);
            output.AddRange(data);
        }

        return [.. output];
    }

    public static void Record(List<byte> output, bool bigEndian, uint seconds, uint fraction, uint captured, uint original)
    {
        U32(output, seconds, bigEndian);
        U32(output, fraction, bigEndian);
        U32(output, captured, bigEndian);
        U32(output, original, bigEndian);
    }

    /// <summary>
    /// A classic pcap of at least <paramref name="length"/> bytes of <paramref name="frame"/> with random data after it,
    /// damaged twice every <paramref name="every"/> packets: a record longer than the snap length (stepped over whole)
    /// and garbage (found again by scanning for the next plausible header). Times advance a second every 100 packets.
    /// </summary>
    public static List<byte> DamagedPcap(Random random, long length, byte[] frame, uint every)
    {
        var output = new List<byte>(Pcap(false, false, 1, 65535));
        for (var packet = 1u; output.Count < length; packet++)
        {
            var seconds = 1_700_000_000 + (packet / 100);
            if (packet % every == every / 4)
            {
                Record(output, false, seconds, 0, 100_000, 100_000);
                output.AddRange(RandomBytes(random, 100_000));
            }
            else if (packet % every == 3 * every / 4)
            {
                output.AddRange(RandomBytes(random, 1_001));
            }
            else
            {
                var data = frame.Concat(RandomBytes(random, random.Next(0, 1_400))).ToArray();
                Record(output, false, seconds, packet % 1_000_000, (uint)data.Length, (uint)data.Length);
                output.AddRange(data);
            }
        }

        return output;
    }

    public static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>pcapng blocks: type, total length, body (padded to 4), total length.</summary>
    public static byte[] Block(bool bigEndian, uint type, byte[] body)
    {
        var padded = (body.Length + 3) & ~3;
        var output = new List<byte>();
        U32(output, type, bigEndian);
        U32(output, (uint)(12 + padded), bigEndian);
        output.AddRange(body);
        output.AddRange(new byte[padded - body.Length]);
        U32(output, (uint)(12 + padded), bigEndian);
        return [.. output];
    }

    public static byte[] SectionHeader(bool bigEndian)
    {
        var body = new List<byte>();
        U32(body, 0x1A2B3C4D, bigEndian);
        U16(body, 1, bigEndian);
        U16(body, 0, bigEndian);
        body.AddRange(BitConverter.GetBytes(-1L));
        return Block(bigEndian, 0x0A0D0D0A, [.. body]);
    }

    /// <summary>An interface description; <paramref name="tsresol"/> null leaves the default (microseconds).</summary>
    public static byte[] Interface(bool bigEndian, int linkType, byte? tsresol)
    {
        var body = new List<byte>();
        U16(body, (ushort)linkType, bigEndian);
        U16(body, 0, bigEndian);
        U32(body, 0, bigEndian);
        if (tsresol is { } resolution)
        {
            U16(body, 9, bigEndian);
            U16(body, 1, bigEndian);
            body.AddRange([resolution, 0, 0, 0]);
            U16(body, 0, bigEndian);
            U16(body, 0, bigEndian);
        }

        return Block(bigEndian, 1, [.. body]);
    }

    public static byte[] Enhanced(bool bigEndian, uint interfaceId, ulong timestamp, byte[] data)
    {
        var body = new List<byte>();
        U32(body, interfaceId, bigEndian);
        U32(body, (uint)(timestamp >> 32), bigEndian);
        U32(body, (uint)timestamp, bigEndian);
        U32(body, (uint)data.Length, bigEndian);
        U32(body, (uint)data.Length, bigEndian);
        body.AddRange(data);
        return Block(bigEndian, 6, [.. body]);
    }

    public static byte[] Simple(bool bigEndian, byte[] data)
    {
        var body = new List<byte>();
        U32(body, (uint)data.Length, bigEndian);
        body.AddRange(data);
        return Block(bigEndian, 3, [.. body]);
    }

    /// <summary>Ethernet + IPv4 + TCP (flags PSH/ACK) carrying <paramref name="payload"/>.</summary>
    public static byte[] TcpFrame(string source, ushort sourcePort, string destination, ushort destinationPort, byte[] payload, byte flags = 0x18)
    {
        var frame = new byte[14 + 20 + 20 + payload.Length];
        frame[5] = 0x02;
        frame[11] = 0x01;
        frame[6] = 0x00;
        frame[12] = 0x08;
        IPv4(frame.AsSpan(14), source, destination, 6, 20 + payload.Length);
        var tcp = frame.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        tcp[12] = 0x50;
        tcp[13] = flags;
        payload.CopyTo(tcp[20..]);
        return frame;
    }

    public static void IPv4(Span<byte> ip, string source, string destination, byte protocol, int payloadLength)
    {
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + payloadLength));
        ip[8] = 64;
        ip[9] = protocol;
        System.Net.IPAddress.Parse(source).TryWriteBytes(ip[12..], out _);
        System.Net.IPAddress.Parse(destination).TryWriteBytes(ip[16..], out _);
    }

    private static void U16(List<byte> output, ushort value, bool bigEndian)
    {
        Span<byte> bytes = stackalloc byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }

        output.AddRange(bytes);
    }

    private static void U32(List<byte> output, uint value, bool bigEndian)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }

        output.AddRange(bytes);
    }
}
