using System.Runtime.CompilerServices;
using Castellan.Network.Addressing;
using Castellan.Network.Packets;

namespace Castellan.Network.Protocols;

public enum MessageDirection : byte
{
    Unknown,

    /// <summary>From the side that asks (client, master, controlling station).</summary>
    Request,

    /// <summary>From the side that answers (server, outstation, controlled station).</summary>
    Response,
}

/// <summary>
/// What a protocol decoder is told about the packet in hand and where it reports what it saw. One instance is reused
/// for every packet (reset before each), so reporting allocates nothing except a device identity, which is rare.
/// </summary>
public sealed class DecodeContext
{
    private readonly Dictionary<IpAddress16, DeviceIdentity> byIp = [];
    private readonly Dictionary<MacAddress, DeviceIdentity> byMac = [];

    public IpAddress16 SourceIp { get; private set; }

    public IpAddress16 DestinationIp { get; private set; }

    public MacAddress SourceMac { get; private set; }

    public MacAddress DestinationMac { get; private set; }

    public ushort SourcePort { get; private set; }

    public ushort DestinationPort { get; private set; }

    public Transport Transport { get; private set; }

    /// <summary>Operations seen in this packet.</summary>
    internal OperationSet Operations;

    public MessageDirection Direction { get; set; }

    /// <summary>Set by a decoder when a header of its protocol contradicts itself.</summary>
    public bool Malformed { get; set; }

    /// <summary>Identities reported so far, by IP address.</summary>
    public IReadOnlyDictionary<IpAddress16, DeviceIdentity> IdentitiesByIp => byIp;

    /// <summary>Identities of devices seen only at layer 2, by MAC address.</summary>
    public IReadOnlyDictionary<MacAddress, DeviceIdentity> IdentitiesByMac => byMac;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Reset(in PacketView view)
    {
        SourceIp = view.SourceIp;
        DestinationIp = view.DestinationIp;
        SourceMac = view.SourceMac;
        DestinationMac = view.DestinationMac;
        SourcePort = view.SourcePort;
        DestinationPort = view.DestinationPort;
        Transport = view.Transport;
        Operations.Clear();
        Direction = MessageDirection.Unknown;
        Malformed = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Operation operation) => Operations.Add(operation);

    /// <summary>The identity record of the packet's sender (by IP, or by MAC for layer-2 traffic).</summary>
    public DeviceIdentity SenderIdentity() => IdentityOf(SourceIp, SourceMac);

    /// <summary>Adds the identities another context collected (a later part of the same input): the first value of a field is kept.</summary>
    internal void MergeFrom(DecodeContext later)
    {
        foreach (var (ip, identity) in later.byIp)
        {
            Merge(byIp, ip, identity);
        }

        foreach (var (mac, identity) in later.byMac)
        {
            Merge(byMac, mac, identity);
        }

        static void Merge<TKey>(Dictionary<TKey, DeviceIdentity> into, TKey key, DeviceIdentity identity)
            where TKey : notnull
        {
            if (into.TryGetValue(key, out var known))
            {
                known.MergeFrom(identity);
            }
            else
            {
                into[key] = identity;
            }
        }
    }

    public DeviceIdentity IdentityOf(IpAddress16 ip, MacAddress mac)
    {
        if (!ip.IsNone)
        {
            if (!byIp.TryGetValue(ip, out var identity))
            {
                byIp[ip] = identity = new DeviceIdentity();
            }

            return identity;
        }

        if (!byMac.TryGetValue(mac, out var l2))
        {
            byMac[mac] = l2 = new DeviceIdentity();
        }

        return l2;
    }
}
