using Castellan.Network.Addressing;
using Castellan.Network.Protocols;

namespace Castellan.Network.Discovery;

[Flags]
internal enum ConversationMarks : ushort
{
    None = 0,
    FirstFromB = 1 << 0,
    SynFromA = 1 << 1,
    SynFromB = 1 << 2,
    SynAckFromA = 1 << 3,
    SynAckFromB = 1 << 4,
    RequestFromA = 1 << 5,
    RequestFromB = 1 << 6,
    ResponseFromA = 1 << 7,
    ResponseFromB = 1 << 8,

    /// <summary>The protocol was recognised from the payload (not merely the port).</summary>
    ByPayload = 1 << 9,

    /// <summary>Client and server are known for certain (a Zeek conn.log row says who originated).</summary>
    OriginIsA = 1 << 10,
    OriginIsB = 1 << 11,
}

/// <summary>The running totals of one conversation: a mutable struct updated in place in the table (no allocation per packet).</summary>
internal struct ConversationState
{
    public long PacketsFromA;
    public long PacketsFromB;
    public long BytesFromA;
    public long BytesFromB;
    public long FirstNs;
    public long LastNs;
    public MacAddress MacA;
    public MacAddress MacB;
    public OperationSet Operations;
    public ProtocolId Protocol;
    public ConversationMarks Flags;

    /// <summary>
    /// Payload packets looked at: to recognise the protocol (at most <see cref="IdentifyAttempts"/>), then to inspect
    /// it (industrial protocols: every packet, counted up to 255; others: up to <see cref="IdentifyAttempts"/> in all).
    /// </summary>
    public byte Attempts;

    /// <summary>Packets of this conversation whose protocol header a decoder found contradictory.</summary>
    public ushort Malformed;

    /// <summary>Payload packets tried for a signature before a conversation is left to its port.</summary>
    public const int IdentifyAttempts = 8;

    /// <summary>
    /// Adds the totals of the same conversation in a later part of the input (read on its own): counts add up, times
    /// widen, the first addresses and the protocol recognised first are kept, operations and marks are joined.
    /// </summary>
    public void Merge(in ConversationState later)
    {
        PacketsFromA += later.PacketsFromA;
        PacketsFromB += later.PacketsFromB;
        BytesFromA += later.BytesFromA;
        BytesFromB += later.BytesFromB;
        FirstNs = Math.Min(FirstNs, later.FirstNs);
        LastNs = Math.Max(LastNs, later.LastNs);
        MacA = MacA.IsNone ? later.MacA : MacA;
        MacB = MacB.IsNone ? later.MacB : MacB;
        Operations.UnionWith(later.Operations);
        if (Protocol == ProtocolId.Unknown && later.Protocol != ProtocolId.Unknown)
        {
            Protocol = later.Protocol;
            Flags |= later.Flags & ConversationMarks.ByPayload;
        }

        // Who spoke first is the earlier part's to say.
        Flags |= later.Flags & ~(ConversationMarks.FirstFromB | ConversationMarks.ByPayload);
        Attempts = (byte)Math.Min(Attempts + later.Attempts, Protocol.IsIndustrial() ? 255 : IdentifyAttempts);
        Malformed = (ushort)Math.Min(Malformed + later.Malformed, ushort.MaxValue);
    }
}
