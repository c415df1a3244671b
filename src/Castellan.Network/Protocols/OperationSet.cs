using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>A set of <see cref="Operation"/> values as 256 bits: copied by value, updated without allocating.</summary>
public struct OperationSet : IEquatable<OperationSet>
{
    private Bits bits;

    public readonly bool IsEmpty => (bits[0] | bits[1] | bits[2] | bits[3]) == 0;

    public void Add(Operation operation) => bits[(int)operation >> 6] |= 1UL << ((int)operation & 63);

    public readonly bool Contains(Operation operation) => (bits[(int)operation >> 6] & (1UL << ((int)operation & 63))) != 0;

    public void UnionWith(in OperationSet other)
    {
        for (var i = 0; i < 4; i++)
        {
            bits[i] |= other.bits[i];
        }
    }

    public void Clear() => bits = default;

    /// <summary>The members in enum order.</summary>
    public readonly IReadOnlyList<Operation> ToList()
    {
        var list = new List<Operation>();
        for (var i = 0; i < 256; i++)
        {
            if ((bits[i >> 6] & (1UL << (i & 63))) != 0)
            {
                list.Add((Operation)i);
            }
        }

        return list;
    }

    public readonly bool Equals(OperationSet other) =>
        bits[0] == other.bits[0] && bits[1] == other.bits[1] && bits[2] == other.bits[2] && bits[3] == other.bits[3];

    public override readonly bool Equals(object? obj) => obj is OperationSet other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(bits[0], bits[1], bits[2], bits[3]);

    public static bool operator ==(OperationSet left, OperationSet right) => left.Equals(right);

    public static bool operator !=(OperationSet left, OperationSet right) => !left.Equals(right);

    [InlineArray(4)]
    private struct Bits
    {
        private ulong element;
    }
}
