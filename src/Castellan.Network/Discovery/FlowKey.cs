using System.Runtime.CompilerServices;
using Castellan.Network.Addressing;
using Castellan.Network.Packets;

namespace Castellan.Network.Discovery;

/// <summary>
/// A conversation's identity, direction-free: the lower (address, port) is A. For layer-2 conversations the
/// addresses hold MACs (in <see cref="IpAddress16.Low"/>) and both ports the EtherType.
/// </summary>
internal readonly record struct FlowKey(IpAddress16 A, IpAddress16 B, ushort PortA, ushort PortB, Transport Transport, byte IpProtocol)
{
    /// <summary>The key for a packet from (source, sourcePort) to (destination, destinationPort); fromA tells its direction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FlowKey Of(IpAddress16 source, ushort sourcePort, IpAddress16 destination, ushort destinationPort, Transport transport, byte ipProtocol, out bool fromA)
    {
        var order = source.CompareTo(destination);
        fromA = order < 0 || (order == 0 && sourcePort <= destinationPort);
        return fromA
            ? new FlowKey(source, destination, sourcePort, destinationPort, transport, ipProtocol)
            : new FlowKey(destination, source, destinationPort, sourcePort, transport, ipProtocol);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(FlowKey other) =>
        ((A.Low ^ other.A.Low) | (B.Low ^ other.B.Low) | (A.High ^ other.A.High) | (B.High ^ other.B.High)) == 0
        && PortA == other.PortA && PortB == other.PortB && Transport == other.Transport && IpProtocol == other.IpProtocol;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        var h = (A.High * 31) ^ A.Low ^ (B.High * 17) ^ (B.Low * 0x9E37_79B9_7F4A_7C15UL) ^ ((ulong)PortA << 16) ^ ((ulong)PortB << 32) ^ ((ulong)Transport << 48) ^ ((ulong)IpProtocol << 56);
        h ^= h >> 29;
        h *= 0xBF58_476D_1CE4_E5B9UL;
        return (int)(h ^ (h >> 32));
    }
}
