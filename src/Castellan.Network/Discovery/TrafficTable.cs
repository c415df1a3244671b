using System.Runtime.CompilerServices;
using Castellan.Network.Addressing;
using Castellan.Network.Packets;
using Castellan.Network.Protocols;

namespace Castellan.Network.Discovery;

/// <summary>
/// Every conversation seen so far, keyed by <see cref="FlowKey"/>, updated in place per packet. Protocols are
/// recognised from the first payloads (port candidates first, then every signature); industrial protocols are then
/// inspected on every packet for operations. Memory is bounded: past <see cref="MaxConversations"/> new
/// conversations are only counted (<see cref="Untracked"/>: their packets, or for Zeek conn.log rows the rows'
/// packets, reported as stats.untracked); the conversations already tracked keep being updated.
/// </summary>
public sealed class TrafficTable
{
    /// <summary>
    /// The default cap. Everything a run holds grows with the conversations kept — the table (about 170 bytes each),
    /// then the conversations and up to two devices each in the result (about 1 KB kept, 4 KB allocated) — so the cap keeps a run
    /// within 200 MB whatever the input (measured: 2 M distinct connections in a conn.log; 100,000 took 255 MB).
    /// </summary>
    public const int DefaultMaxConversations = 50_000;

    private readonly FlowTable flows;

    public TrafficTable(int maxConversations = DefaultMaxConversations)
    {
        MaxConversations = maxConversations;
        flows = new FlowTable(maxConversations);
    }

    public int MaxConversations { get; }

    public DecodeContext Context { get; } = new();

    internal FlowTable Conversations => flows;

    /// <summary>Frees the per-conversation state once it has been turned into conversations (the counters stay).</summary>
    internal void ReleaseConversations() => flows.Clear();

    /// <summary>Protocol headers a decoder found contradictory.</summary>
    public long Malformed { get; private set; }

    public long Fragments { get; private set; }

    /// <summary>Packets of conversations beyond <see cref="MaxConversations"/>.</summary>
    public long Untracked { get; private set; }

    /// <summary>Adds one decoded packet; <paramref name="frame"/> holds the bytes the view's offsets point into.</summary>
    // Inlined into the capture analyser's per-packet loops (compiled fully optimised).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(in PacketView view, ReadOnlySpan<byte> frame, long timestampNs, int wireLength)
    {
        IpAddress16 source, destination;
        ushort sourcePort, destinationPort;
        byte ipProtocol;
        if (view.Transport == Transport.Ethernet)
        {
            (source, destination) = (new IpAddress16(0, view.SourceMac.Value), new IpAddress16(0, view.DestinationMac.Value));
            sourcePort = destinationPort = view.EtherType;
            ipProtocol = 0;
        }
        else
        {
            var ports = view.Transport is Transport.Tcp or Transport.Udp;
            (source, destination, ipProtocol) = (view.SourceIp, view.DestinationIp, view.IpProtocol);
            (sourcePort, destinationPort) = ports ? (view.SourcePort, view.DestinationPort) : ((ushort)0, (ushort)0);
            if (view.IsFragment)
            {
                Fragments++;
            }
        }

        // Consecutive packets mostly belong to one conversation: that one is matched as is, in either direction.
        ref var c = ref flows.FindLast(source, sourcePort, destination, destinationPort, view.Transport, ipProtocol, out var fromA);
        var exists = true;
        if (Unsafe.IsNullRef(ref c))
        {
            c = ref flows.GetOrAdd(FlowKey.Of(source, sourcePort, destination, destinationPort, view.Transport, ipProtocol, out fromA), out exists);
        }

        if (Unsafe.IsNullRef(ref c))
        {
            Untracked++;
            return;
        }

        if (!exists)
        {
            c.FirstNs = timestampNs;
            c.LastNs = timestampNs;
            c.Flags = fromA ? ConversationMarks.None : ConversationMarks.FirstFromB;
            if (view.Transport == Transport.Ethernet && view.EtherType == PacketDecoder.EtherTypeArp)
            {
                c.Protocol = ProtocolId.Arp;
            }
        }
        else if (timestampNs < c.FirstNs)
        {
            c.FirstNs = timestampNs;
        }
        else if (timestampNs > c.LastNs)
        {
            c.LastNs = timestampNs;
        }

        if (fromA)
        {
            c.PacketsFromA++;
            c.BytesFromA += wireLength;
            if (c.MacA.IsNone)
            {
                c.MacA = view.SourceMac;
            }
        }
        else
        {
            c.PacketsFromB++;
            c.BytesFromB += wireLength;
            if (c.MacB.IsNone)
            {
                c.MacB = view.SourceMac;
            }
        }

        if (view.Transport == Transport.Tcp && (view.TcpFlags & 0x02) != 0)
        {
            var ack = (view.TcpFlags & 0x10) != 0;
            c.Flags |= (ack, fromA) switch
            {
                (false, true) => ConversationMarks.SynFromA,
                (false, false) => ConversationMarks.SynFromB,
                (true, true) => ConversationMarks.SynAckFromA,
                (true, false) => ConversationMarks.SynAckFromB,
            };
        }

        if (view.PayloadLength > 0 && view.PayloadOffset + view.PayloadLength <= frame.Length)
        {
            Inspect(ref c, view, frame.Slice(view.PayloadOffset, view.PayloadLength), fromA);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Inspect(ref ConversationState c, in PacketView view, ReadOnlySpan<byte> payload, bool fromA)
    {
        ProtocolDecoder? decoder;
        if (view.Transport == Transport.Ethernet)
        {
            decoder = ProtocolRegistry.ForEtherType(view.EtherType);
            if (decoder is null)
            {
                return;
            }

            c.Protocol = decoder.Protocol;
            c.Flags |= ConversationMarks.ByPayload;
        }
        else if (c.Protocol == ProtocolId.Unknown)
        {
            if (c.Attempts >= ConversationState.IdentifyAttempts || view.Transport is not (Transport.Tcp or Transport.Udp))
            {
                return;
            }

            c.Attempts++;
            decoder = Identify(view, payload);
            if (decoder is null)
            {
                return;
            }

            c.Protocol = decoder.Protocol;
            c.Flags |= ConversationMarks.ByPayload;
        }
        else
        {
            if (!c.Protocol.IsIndustrial() && c.Attempts >= ConversationState.IdentifyAttempts)
            {
                return;
            }

            c.Attempts = (byte)Math.Min(c.Attempts + 1, 255);
            if (ProtocolRegistry.For(c.Protocol) is null)
            {
                return;
            }

            Context.Reset(view);
            ProtocolRegistry.Inspect(c.Protocol, payload, Context);
            Record(ref c, fromA);
            return;
        }

        Context.Reset(view);
        decoder.Inspect(payload, Context);
        Record(ref c, fromA);
    }

    /// <summary>Adds what the decoder reported about the packet in hand to its conversation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Record(ref ConversationState c, bool fromA)
    {
        c.Operations.UnionWith(Context.Operations);
        c.Flags |= Context.Direction switch
        {
            MessageDirection.Request => fromA ? ConversationMarks.RequestFromA : ConversationMarks.RequestFromB,
            MessageDirection.Response => fromA ? ConversationMarks.ResponseFromA : ConversationMarks.ResponseFromB,
            _ => ConversationMarks.None,
        };
        if (Context.Malformed)
        {
            Malformed++;
            c.Malformed = (ushort)Math.Min(c.Malformed + 1, ushort.MaxValue);
        }
    }

    private static ProtocolDecoder? Identify(in PacketView view, ReadOnlySpan<byte> payload)
    {
        foreach (var decoder in ProtocolRegistry.OnPort(view.Transport, view.DestinationPort))
        {
            if (decoder.Matches(payload, true))
            {
                return decoder;
            }
        }

        foreach (var decoder in ProtocolRegistry.OnPort(view.Transport, view.SourcePort))
        {
            if (decoder.Matches(payload, true))
            {
                return decoder;
            }
        }

        foreach (var decoder in ProtocolRegistry.Decoders)
        {
            if ((view.Transport == Transport.Tcp ? decoder.Tcp : decoder.Udp) && decoder.Matches(payload, false))
            {
                return decoder;
            }
        }

        return null;
    }

    /// <summary>
    /// Adds what <paramref name="later"/> holds — the same input's next part, read into a table of its own — as if its
    /// packets had been added here after this table's: conversations in its order (past <see cref="MaxConversations"/>
    /// their packets are counted as untracked), device identities (the first value of a field kept), counters.
    /// </summary>
    internal void MergeFrom(TrafficTable later)
    {
        foreach (var (key, state) in later.flows)
        {
            ref var c = ref flows.GetOrAdd(key, out var exists);
            if (Unsafe.IsNullRef(ref c))
            {
                // Past the cap in one go, these packets would have been counted, not inspected.
                Untracked += state.PacketsFromA + state.PacketsFromB;
                Malformed -= state.Malformed;
            }
            else if (exists)
            {
                c.Merge(state);
            }
            else
            {
                c = state;
            }
        }

        Malformed += later.Malformed;
        Fragments += later.Fragments;
        Untracked += later.Untracked;
        Context.MergeFrom(later.Context);
    }

    /// <summary>Adds a whole conversation at once (a Zeek conn.log row): origin known, totals given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddConnection(IpAddress16 origin, ushort originPort, IpAddress16 responder, ushort responderPort, Transport transport, byte ipProtocol,
        long originPackets, long originBytes, long responderPackets, long responderBytes, long startNs, long endNs, ProtocolId protocol)
    {
        var key = FlowKey.Of(origin, originPort, responder, responderPort, transport, ipProtocol, out var originIsA);
        ref var c = ref flows.GetOrAdd(key, out var exists);
        if (Unsafe.IsNullRef(ref c))
        {
            Untracked += originPackets + responderPackets;
            return;
        }

        if (!exists || startNs < c.FirstNs)
        {
            c.FirstNs = startNs;
        }

        c.LastNs = Math.Max(c.LastNs, endNs);
        c.Flags |= originIsA ? ConversationMarks.OriginIsA : ConversationMarks.OriginIsB;
        (originIsA ? ref c.PacketsFromA : ref c.PacketsFromB) += originPackets;
        (originIsA ? ref c.BytesFromA : ref c.BytesFromB) += originBytes;
        (originIsA ? ref c.PacketsFromB : ref c.PacketsFromA) += responderPackets;
        (originIsA ? ref c.BytesFromB : ref c.BytesFromA) += responderBytes;
        if (c.Protocol == ProtocolId.Unknown && protocol != ProtocolId.Unknown)
        {
            c.Protocol = protocol;
            c.Flags |= ConversationMarks.ByPayload;
        }
    }

    /// <summary>Adds operations to a conversation (a Zeek protocol log row); false when the conversation is unknown.</summary>
    public bool AddOperation(IpAddress16 origin, ushort originPort, IpAddress16 responder, ushort responderPort, Transport transport, ProtocolId protocol, Operation? operation)
    {
        var key = FlowKey.Of(origin, originPort, responder, responderPort, transport, transport == Transport.Tcp ? (byte)6 : (byte)17, out var originIsA);
        ref var c = ref flows.Find(key);
        if (Unsafe.IsNullRef(ref c))
        {
            return false;
        }

        if (operation is { } op)
        {
            c.Operations.Add(op);
        }

        if (c.Protocol == ProtocolId.Unknown)
        {
            c.Protocol = protocol;
        }

        c.Flags |= originIsA ? ConversationMarks.RequestFromA : ConversationMarks.RequestFromB;
        return true;
    }
}
