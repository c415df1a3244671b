using System.Runtime.CompilerServices;
using Castellan.Network.Addressing;
using Castellan.Network.Discovery;
using Castellan.Network.Packets;

namespace Castellan.Network.Tests.Discovery;

public sealed class FlowTableTests
{
    /// <summary>
    /// The last-conversation shortcut must agree with the direction-free key: for packets in both directions,
    /// including equal addresses (equal ports too), it finds the same conversation with the direction FlowKey.Of gives.
    /// </summary>
    [Fact]
    public void FindLast_BothDirectionsOfLastConversation_SameEntryAndDirectionAsFlowKey()
    {
        var random = new Random(62443);
        IpAddress16[] addresses = [IpAddress16.FromIPv4(0x0A000001), IpAddress16.FromIPv4(0x0A000002), new IpAddress16(0x2001_0db8_0000_0000, 1), new IpAddress16(0, 0x0000_0050_04a1_b2c3)];
        ushort[] ports = [0, 502, 502, 44818, 1024];
        for (var i = 0; i < 2000; i++)
        {
            var table = new FlowTable(16);
            var (source, destination) = (addresses[random.Next(addresses.Length)], addresses[random.Next(addresses.Length)]);
            var (sourcePort, destinationPort) = (ports[random.Next(ports.Length)], ports[random.Next(ports.Length)]);
            var transport = random.Next(2) == 0 ? Transport.Tcp : Transport.Udp;
            var protocol = transport == Transport.Tcp ? (byte)6 : (byte)17;
            ref var added = ref table.GetOrAdd(FlowKey.Of(source, sourcePort, destination, destinationPort, transport, protocol, out _), out var existed);
            existed.ShouldBeFalse();
            added.PacketsFromA = i + 1;

            foreach (var (s, sp, d, dp) in new[] { (source, sourcePort, destination, destinationPort), (destination, destinationPort, source, sourcePort) })
            {
                FlowKey.Of(s, sp, d, dp, transport, protocol, out var expectedFromA);
                ref var found = ref table.FindLast(s, sp, d, dp, transport, protocol, out var fromA);
                Unsafe.IsNullRef(ref found).ShouldBeFalse();
                found.PacketsFromA.ShouldBe(i + 1);
                fromA.ShouldBe(expectedFromA, $"{s}:{sp} -> {d}:{dp}");
            }

            // Another source port is another conversation, whichever way round (it cannot equal both ports of this one).
            Unsafe.IsNullRef(ref table.FindLast(source, (ushort)(sourcePort + 1), destination, destinationPort, transport, protocol, out _))
                .ShouldBeTrue();
        }
    }
}
