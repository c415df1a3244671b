using System.Runtime.CompilerServices;

namespace Castellan.Network.Protocols;

/// <summary>
/// A set of <see cref="Operation"/> values as 256 bits in four words: copied by value, updated without allocating.
/// (Plain fields rather than an inline array: this is touched on every industrial packet, and stays cheap even
/// before the JIT has optimised its callers.)
/// </summary>
public struct OperationSet : IEquatable<OperationSet>
{
    private ulong bits0;
    private ulong bits1;
    private ulong bits2;
    private ulong bits3;

    public readonly bool IsEmpty => (bits0 | bits1 | bits2 | bits3) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Operation operation)
    {
        var bit = 1UL << ((int)operation & 63);
        switch ((int)operation >> 6)
        {
            case 0: bits0 |= bit; break;
            case 1: bits1 |= bit; break;
            case 2: bits2 |= bit; break;
            default: bits3 |= bit; break;
        }
    }

    public readonly bool Contains(Operation operation) => (Word((int)operation >> 6) & (1UL << ((int)operation & 63))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void UnionWith(in OperationSet other)
    {
        bits0 |= other.bits0;
        bits1 |= other.bits1;
        bits2 |= other.bits2;
        bits3 |= other.bits3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Clear() => bits0 = bits1 = bits2 = bits3 = 0;

    /// <summary>The members in enum order.</summary>
    public readonly IReadOnlyList<Operation> ToList()
    {
        if (IsEmpty)
        {
            return [];
        }

        var list = new List<Operation>();
        for (var i = 0; i < 256; i++)
        {
            if ((Word(i >> 6) & (1UL << (i & 63))) != 0)
            {
                list.Add((Operation)i);
            }
        }

        return list;
    }

    private readonly ulong Word(int index) => index switch
    {
        0 => bits0,
        1 => bits1,
        2 => bits2,
        _ => bits3,
    };

    public readonly bool Equals(OperationSet other) => bits0 == other.bits0 && bits1 == other.bits1 && bits2 == other.bits2 && bits3 == other.bits3;

    public override readonly bool Equals(object? obj) => obj is OperationSet other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(bits0, bits1, bits2, bits3);

    public static bool operator ==(OperationSet left, OperationSet right) => left.Equals(right);

    public static bool operator !=(OperationSet left, OperationSet right) => !left.Equals(right);
}
