using System.Runtime.CompilerServices;
using Castellan.Network.Addressing;
using Castellan.Network.Packets;

namespace Castellan.Network.Discovery;

/// <summary>
/// The conversation table: an insert-only hash map from <see cref="FlowKey"/> to <see cref="ConversationState"/>
/// in two flat arrays (power-of-two buckets, chained entries), never holding more than its limit. Compared with a
/// <see cref="Dictionary{TKey, TValue}"/>: no modulo, the hash computed once, a one-entry cache of the last flow hit
/// (consecutive packets mostly belong to one conversation), and growth clamped to the limit so that memory is
/// bounded by it (about 170 bytes per conversation).
/// </summary>
internal sealed class FlowTable
{
    private const int InitialCapacity = 1024;

    private readonly int limit;
    private int[] buckets;
    private Entry[] entries;
    private int count;
    private int last = -1;

    /// <summary>The key of entry <see cref="last"/>.</summary>
    private FlowKey lastKey;

    public FlowTable(int limit)
    {
        this.limit = Math.Max(1, limit);
        var capacity = Math.Min(InitialCapacity, this.limit);
        entries = new Entry[capacity];
        buckets = new int[BucketCount(capacity)];
    }

    public int Count => count;

    public bool IsFull => count >= limit;

    /// <summary>The state of <paramref name="key"/>; a null ref when it is not in the table.</summary>
    public ref ConversationState Find(in FlowKey key)
    {
        var i = IndexOf(key, Hash(key));
        return ref i < 0 ? ref Unsafe.NullRef<ConversationState>() : ref entries[i].Value;
    }

    /// <summary>
    /// The state of <paramref name="key"/>, added (zeroed) when new; a null ref when it is new and the table is full.
    /// The ref is valid until the next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref ConversationState GetOrAdd(scoped in FlowKey key, out bool exists)
    {
        var hit = last;
        if (hit >= 0 && lastKey.Equals(key))
        {
            exists = true;
            return ref entries[hit].Value;
        }

        return ref GetOrAddSlow(key, out exists);
    }

    /// <summary>
    /// The state of the conversation last returned when a packet from (source, sourcePort) to (destination,
    /// destinationPort) belongs to it — fromA tells the direction, as <see cref="FlowKey.Of"/> would — else a null
    /// ref. Compares the packet's fields with the last key in both directions, without building a key.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref ConversationState FindLast(IpAddress16 source, ushort sourcePort, IpAddress16 destination, ushort destinationPort, Transport transport, byte ipProtocol, out bool fromA)
    {
        var hit = last;
        ref readonly var key = ref lastKey;
        if (hit >= 0 && key.Transport == transport && key.IpProtocol == ipProtocol)
        {
            // A key holds the lower end first, so a packet that matches it as is comes from A (FlowKey.Of).
            if (key.A.Equals(source) && key.B.Equals(destination) && key.PortA == sourcePort && key.PortB == destinationPort)
            {
                fromA = true;
                return ref entries[hit].Value;
            }

            if (key.A.Equals(destination) && key.B.Equals(source) && key.PortA == destinationPort && key.PortB == sourcePort)
            {
                fromA = false;
                return ref entries[hit].Value;
            }
        }

        fromA = false;
        return ref Unsafe.NullRef<ConversationState>();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ref ConversationState GetOrAddSlow(scoped in FlowKey key, out bool exists)
    {
        var hash = Hash(key);
        var i = IndexOf(key, hash);
        if (i >= 0)
        {
            exists = true;
            last = i;
            lastKey = key;
            return ref entries[i].Value;
        }

        exists = false;
        if (count >= limit)
        {
            return ref Unsafe.NullRef<ConversationState>();
        }

        if (count == entries.Length)
        {
            Grow();
        }

        i = count++;
        ref var entry = ref entries[i];
        entry.Key = key;
        entry.Hash = hash;
        ref var bucket = ref buckets[hash & (buckets.Length - 1)];
        entry.Next = bucket - 1;
        bucket = i + 1;
        last = i;
        lastKey = key;
        return ref entry.Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int IndexOf(in FlowKey key, int hash)
    {
        var entries = this.entries;
        for (var i = buckets[hash & (buckets.Length - 1)] - 1; (uint)i < (uint)entries.Length; i = entries[i].Next)
        {
            ref var entry = ref entries[i];
            if (entry.Hash == hash && entry.Key.Equals(key))
            {
                return i;
            }
        }

        return -1;
    }

    private void Grow()
    {
        var capacity = (int)Math.Min((long)entries.Length * 2, limit);
        var grown = new Entry[capacity];
        Array.Copy(entries, grown, count);
        entries = grown;
        buckets = new int[BucketCount(capacity)];
        for (var i = 0; i < count; i++)
        {
            ref var bucket = ref buckets[grown[i].Hash & (buckets.Length - 1)];
            grown[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }

    private static int BucketCount(int capacity) => (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 16)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(in FlowKey key) => key.GetHashCode() & int.MaxValue;

    /// <summary>Drops every conversation and gives the memory back (the table stays usable).</summary>
    public void Clear()
    {
        var capacity = Math.Min(InitialCapacity, limit);
        entries = new Entry[capacity];
        buckets = new int[BucketCount(capacity)];
        count = 0;
        last = -1;
        lastKey = default;
    }

    /// <summary>The conversations in insertion order.</summary>
    public Enumerator GetEnumerator() => new(this);

    public ref struct Enumerator(FlowTable table)
    {
        private int index = -1;

        public bool MoveNext() => ++index < table.count;

        public readonly (FlowKey Key, ConversationState Value) Current => (table.entries[index].Key, table.entries[index].Value);
    }

    private struct Entry
    {
        public FlowKey Key;
        public ConversationState Value;
        public int Hash;
        public int Next;
    }
}
