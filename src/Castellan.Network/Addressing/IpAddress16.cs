using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;

namespace Castellan.Network.Addressing;

/// <summary>
/// An IPv4 or IPv6 address in 16 bytes (IPv4 as the IPv4-mapped IPv6 address ::ffff:a.b.c.d), so that flow keys are
/// plain values: compared, hashed and stored without allocating. <see cref="None"/> (all zero) means "no address".
/// </summary>
public readonly struct IpAddress16 : IEquatable<IpAddress16>, IComparable<IpAddress16>
{
    private const ulong MappedPrefix = 0x0000_FFFF_0000_0000UL;

    public IpAddress16(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    public static IpAddress16 None => default;

    /// <summary>The first 8 bytes, big-endian.</summary>
    public ulong High { get; }

    /// <summary>The last 8 bytes, big-endian.</summary>
    public ulong Low { get; }

    public bool IsNone => High == 0 && Low == 0;

    public bool IsIPv4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000UL) == MappedPrefix;

    public uint IPv4 => (uint)Low;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddress16 FromIPv4(uint address) => new(0, MappedPrefix | address);

    /// <summary>4 bytes, network order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddress16 FromIPv4(ReadOnlySpan<byte> bytes) => FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes));

    /// <summary>16 bytes, network order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddress16 FromIPv6(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    /// <summary>Broadcast, multicast or unspecified: a destination, never a device.</summary>
    public bool IsGroupOrUnspecified
    {
        get
        {
            if (IsNone)
            {
                return true;
            }

            if (IsIPv4)
            {
                var a = IPv4;
                return a == 0 || a == 0xFFFF_FFFF || (a >> 28) == 0xE || (a & 0xFF) == 0xFF;
            }

            return (High >> 56) == 0xFF || (High == 0 && Low == 0);
        }
    }

    /// <summary>RFC 1918 / RFC 4193 / loopback / link-local: what a plant network uses.</summary>
    public bool IsPrivate
    {
        get
        {
            if (IsIPv4)
            {
                var a = IPv4;
                return (a >> 24) == 10 || (a >> 20) == 0xAC1 || (a >> 16) == 0xC0A8 || (a >> 24) == 127 || (a >> 16) == 0xA9FE;
            }

            return (High >> 57) == 0x7E || (High >> 54) == 0x3FA || (High == 0 && Low == 1);
        }
    }

    public static bool TryParse(ReadOnlySpan<char> text, out IpAddress16 address)
    {
        address = default;
        if (!IPAddress.TryParse(text, out var ip))
        {
            return false;
        }

        address = FromIPAddress(ip);
        return true;
    }

    /// <summary>Parses ASCII bytes (a Zeek log field) without allocating for IPv4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> ascii, out IpAddress16 address)
    {
        address = default;
        uint value = 0;
        int part = 0, digits = 0;
        uint current = 0;
        foreach (var b in ascii)
        {
            if (b == (byte)'.')
            {
                if (digits == 0 || part == 3)
                {
                    return TryParseSlow(ascii, out address);
                }

                value = (value << 8) | current;
                part++;
                current = 0;
                digits = 0;
            }
            else if (b is >= (byte)'0' and <= (byte)'9' && digits < 3)
            {
                current = current * 10 + (uint)(b - '0');
                digits++;
                if (current > 255)
                {
                    return false;
                }
            }
            else
            {
                return TryParseSlow(ascii, out address);
            }
        }

        if (part != 3 || digits == 0)
        {
            return TryParseSlow(ascii, out address);
        }

        address = FromIPv4((value << 8) | current);
        return true;
    }

    private static bool TryParseSlow(ReadOnlySpan<byte> ascii, out IpAddress16 address)
    {
        address = default;
        if (ascii.Length is 0 or > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[ascii.Length];
        for (var i = 0; i < ascii.Length; i++)
        {
            chars[i] = (char)ascii[i];
        }

        return TryParse(chars, out address);
    }

    public static IpAddress16 FromIPAddress(IPAddress ip)
    {
        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            ip.TryWriteBytes(v4, out _);
            return FromIPv4(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        ip.TryWriteBytes(v6, out _);
        return FromIPv6(v6);
    }

    public override string ToString()
    {
        if (IsIPv4)
        {
            var a = IPv4;
            return $"{a >> 24}.{(a >> 16) & 0xFF}.{(a >> 8) & 0xFF}.{a & 0xFF}";
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
        return new IPAddress(bytes).ToString();
    }

    public bool Equals(IpAddress16 other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is IpAddress16 other && Equals(other);

    public override int GetHashCode() => (High ^ (Low * 0x9E37_79B9_7F4A_7C15UL)).GetHashCode();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CompareTo(IpAddress16 other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    public static bool operator ==(IpAddress16 left, IpAddress16 right) => left.Equals(right);

    public static bool operator !=(IpAddress16 left, IpAddress16 right) => !left.Equals(right);

    public static bool operator <(IpAddress16 left, IpAddress16 right) => left.CompareTo(right) < 0;

    public static bool operator >(IpAddress16 left, IpAddress16 right) => left.CompareTo(right) > 0;

    public static bool operator <=(IpAddress16 left, IpAddress16 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IpAddress16 left, IpAddress16 right) => left.CompareTo(right) >= 0;
}
