using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Castellan.Network.Addressing;

/// <summary>A 48-bit Ethernet address held in a ulong; 0 means "not seen".</summary>
public readonly record struct MacAddress(ulong Value) : IComparable<MacAddress>
{
    public static MacAddress None => default;

    public bool IsNone => Value == 0;

    /// <summary>Group bit (multicast or broadcast): a destination, never a device.</summary>
    public bool IsGroup => (Value & 0x0100_0000_0000UL) != 0;

    /// <summary>6 bytes, network order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MacAddress Read(ReadOnlySpan<byte> bytes) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]));

    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress mac)
    {
        mac = default;
        if (text.Length != 17)
        {
            return false;
        }

        ulong value = 0;
        for (var i = 0; i < 6; i++)
        {
            if (i > 0 && text[(3 * i) - 1] is not (':' or '-'))
            {
                return false;
            }

            if (!byte.TryParse(text.Slice(3 * i, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                return false;
            }

            value = (value << 8) | b;
        }

        mac = new MacAddress(value);
        return true;
    }

    public int CompareTo(MacAddress other) => Value.CompareTo(other.Value);

    public static bool operator <(MacAddress left, MacAddress right) => left.Value < right.Value;

    public static bool operator >(MacAddress left, MacAddress right) => left.Value > right.Value;

    public static bool operator <=(MacAddress left, MacAddress right) => left.Value <= right.Value;

    public static bool operator >=(MacAddress left, MacAddress right) => left.Value >= right.Value;

    public override string ToString() =>
        $"{(Value >> 40) & 0xFF:x2}:{(Value >> 32) & 0xFF:x2}:{(Value >> 24) & 0xFF:x2}:{(Value >> 16) & 0xFF:x2}:{(Value >> 8) & 0xFF:x2}:{Value & 0xFF:x2}";
}
