using System.Net;
using System.Net.Sockets;

namespace Castellan.Domain.Assets;

/// <summary>An IPv4 or IPv6 address as a 128-bit value (IPv4 mapped into ::ffff:0:0/96), cheap to compare and sort.</summary>
public readonly record struct IpAddress(UInt128 Value, bool IsV4) : IComparable<IpAddress>
{
    private static readonly UInt128 V4Prefix = (UInt128)0xFFFF << 32;

    public static bool TryParse(string? text, out IpAddress address)
    {
        address = default;
        if (!IPAddress.TryParse(text?.Trim(), out var ip) || text!.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        address = From(ip);
        return true;
    }

    public static IpAddress From(IPAddress ip)
    {
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = ip.GetAddressBytes();
            return new IpAddress(V4Prefix | ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]), true);
        }

        var v6 = ip.GetAddressBytes();
        return new IpAddress(new UInt128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(v6), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(v6.AsSpan(8))), false);
    }

    public int CompareTo(IpAddress other) => Value.CompareTo(other.Value);

    public static bool operator <(IpAddress left, IpAddress right) => left.CompareTo(right) < 0;

    public static bool operator <=(IpAddress left, IpAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >(IpAddress left, IpAddress right) => left.CompareTo(right) > 0;

    public static bool operator >=(IpAddress left, IpAddress right) => left.CompareTo(right) >= 0;

    public override string ToString()
    {
        if (IsV4)
        {
            var v = (uint)(Value & 0xFFFFFFFF);
            return $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}";
        }

        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)(Value >> 64));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), (ulong)Value);
        return new IPAddress(bytes).ToString();
    }
}

/// <summary>A network range in CIDR notation, e.g. 10.10.20.0/24 or fd00::/64.</summary>
public readonly record struct IpNetwork(IpAddress First, IpAddress Last, string Text)
{
    public static bool TryParse(string? text, out IpNetwork network)
    {
        network = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash < 0 || !IpAddress.TryParse(text![..slash], out var address) || !int.TryParse(text[(slash + 1)..], out var prefix))
        {
            return false;
        }

        var bits = address.IsV4 ? 32 : 128;
        if (prefix < 0 || prefix > bits)
        {
            return false;
        }

        var hostBits = bits - prefix;
        var mask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        network = new IpNetwork(address with { Value = address.Value & ~mask }, address with { Value = address.Value | mask }, text.Trim());
        return true;
    }

    public bool Contains(IpAddress address) => address.IsV4 == First.IsV4 && address.Value >= First.Value && address.Value <= Last.Value;

    public override string ToString() => Text;
}
