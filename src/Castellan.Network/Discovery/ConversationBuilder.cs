using Castellan.Network.Addressing;
using Castellan.Network.Packets;
using Castellan.Network.Protocols;

namespace Castellan.Network.Discovery;

/// <summary>Turns the table's direction-free state into conversations with a client and a server, in a stable order.</summary>
internal static class ConversationBuilder
{
    public static List<Conversation> Build(TrafficTable table)
    {
        var list = new List<Conversation>(table.Conversations.Count);
        foreach (var (key, c) in table.Conversations)
        {
            var clientIsA = ClientIsA(key, c);
            var a = new Endpoint(key.Transport == Transport.Ethernet ? IpAddress16.None : key.A, key.Transport == Transport.Ethernet ? new MacAddress(key.A.Low) : c.MacA, key.Transport == Transport.Ethernet ? (ushort)0 : key.PortA);
            var b = new Endpoint(key.Transport == Transport.Ethernet ? IpAddress16.None : key.B, key.Transport == Transport.Ethernet ? new MacAddress(key.B.Low) : c.MacB, key.Transport == Transport.Ethernet ? (ushort)0 : key.PortB);
            var (client, server) = clientIsA ? (a, b) : (b, a);
            var protocol = c.Protocol;
            var identifiedBy = protocol == ProtocolId.Unknown ? Identification.None : Identification.Payload;
            if (protocol == ProtocolId.Unknown && key.Transport is Transport.Tcp or Transport.Udp)
            {
                var byPort = ProtocolRegistry.OnPort(key.Transport, server.Port);
                if (byPort.Length > 0)
                {
                    protocol = byPort[0].Protocol;
                    identifiedBy = Identification.Port;
                }
            }

            list.Add(new Conversation(client, server, key.Transport, key.Transport == Transport.Ethernet ? key.PortA : (ushort)0, key.IpProtocol, protocol, identifiedBy,
                clientIsA ? c.PacketsFromA : c.PacketsFromB, clientIsA ? c.PacketsFromB : c.PacketsFromA,
                clientIsA ? c.BytesFromA : c.BytesFromB, clientIsA ? c.BytesFromB : c.BytesFromA,
                c.FirstNs, c.LastNs, c.Operations.ToList()));
        }

        list.Sort(Compare);
        return list;
    }

    private static int Compare(Conversation x, Conversation y)
    {
        var order = (x.Transport == Transport.Ethernet).CompareTo(y.Transport == Transport.Ethernet);
        if (order != 0)
        {
            return order;
        }

        if (x.Transport == Transport.Ethernet)
        {
            order = x.Client.Mac.CompareTo(y.Client.Mac);
            order = order != 0 ? order : x.Server.Mac.CompareTo(y.Server.Mac);
            return order != 0 ? order : x.EtherType.CompareTo(y.EtherType);
        }

        order = x.Client.Ip.CompareTo(y.Client.Ip);
        order = order != 0 ? order : x.Server.Ip.CompareTo(y.Server.Ip);
        order = order != 0 ? order : x.Transport.CompareTo(y.Transport);
        order = order != 0 ? order : x.IpProtocol.CompareTo(y.IpProtocol);
        order = order != 0 ? order : x.Server.Port.CompareTo(y.Server.Port);
        return order != 0 ? order : x.Client.Port.CompareTo(y.Client.Port);
    }

    /// <summary>
    /// Who opened the conversation: a Zeek originator; else the SYN; else the SYN-ACK's peer; else the side on a
    /// service port (as Zeek does for connections seen mid-stream); else the side that sent requests; else a
    /// well-known port below 1024; else the first sender.
    /// </summary>
    private static bool ClientIsA(FlowKey key, ConversationState c)
    {
        var f = c.Flags;
        if ((f & (ConversationMarks.OriginIsA | ConversationMarks.OriginIsB)) is var origin && origin is ConversationMarks.OriginIsA or ConversationMarks.OriginIsB)
        {
            return origin == ConversationMarks.OriginIsA;
        }

        if (key.Transport == Transport.Tcp)
        {
            var synA = (f & ConversationMarks.SynFromA) != 0;
            var synB = (f & ConversationMarks.SynFromB) != 0;
            if (synA != synB)
            {
                return synA;
            }

            var synAckA = (f & ConversationMarks.SynAckFromA) != 0;
            var synAckB = (f & ConversationMarks.SynAckFromB) != 0;
            if (synAckA != synAckB)
            {
                return synAckB;
            }
        }

        if (key.Transport is Transport.Tcp or Transport.Udp)
        {
            var serviceA = ProtocolRegistry.OnPort(key.Transport, key.PortA).Length > 0;
            var serviceB = ProtocolRegistry.OnPort(key.Transport, key.PortB).Length > 0;
            if (serviceA != serviceB)
            {
                return serviceB;
            }
        }

        var asksA = (f & ConversationMarks.RequestFromA) != 0 || (f & ConversationMarks.ResponseFromB) != 0;
        var asksB = (f & ConversationMarks.RequestFromB) != 0 || (f & ConversationMarks.ResponseFromA) != 0;
        if (asksA != asksB)
        {
            return asksA;
        }

        if (key.Transport is Transport.Tcp or Transport.Udp && (key.PortA < 1024) != (key.PortB < 1024))
        {
            return key.PortB < 1024;
        }

        return (f & ConversationMarks.FirstFromB) == 0;
    }
}
