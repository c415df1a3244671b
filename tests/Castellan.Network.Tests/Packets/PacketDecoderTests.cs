using Castellan.Network.Captures;
using Castellan.Network.Packets;
using Castellan.Network.Tests.Robustness;

namespace Castellan.Network.Tests.Packets;

public sealed class PacketDecoderTests
{
    /// <summary>
    /// Ethernet carrying IPv4 has a shortcut; Linux SLL reaches the same IPv4/TCP/UDP code through the general path.
    /// The IPv4 frames of the real captures, with their IP and transport headers mutated and their ends cut, decode to
    /// the same view both ways (SLL has no destination MAC and a header two bytes longer).
    /// </summary>
    [Fact]
    public void Decode_MutatedEthernetIPv4Frames_SameViewAsTheGeneralPath()
    {
        var random = new Random(20_261_125);
        var compared = 0;
        foreach (var frame in EthernetIPv4Frames())
        {
            for (var round = 0; round < 8; round++)
            {
                var mutated = (byte[])frame.Clone();
                for (var m = round == 0 ? 0 : random.Next(1, 4); m > 0; m--)
                {
                    var at = 14 + random.Next(Math.Min(48, mutated.Length - 14));
                    mutated[at] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(mutated[at] ^ (1 << random.Next(8)));
                }

                var length = round % 2 == 0 ? mutated.Length : random.Next(14, mutated.Length + 1);
                var ethernet = mutated.AsSpan(0, length);
                byte[] sll = [0, 0, 0, 1, 0, 6, .. ethernet[6..12], 0, 0, .. ethernet[12..]];

                var viaEthernet = PacketDecoder.Decode(LinkTypes.Ethernet, ethernet, out var view);
                var viaSll = PacketDecoder.Decode(LinkTypes.LinuxSll, sll, out var reference);

                viaEthernet.ShouldBe(viaSll);
                reference.DestinationMac = view.DestinationMac;
                reference.PayloadOffset -= reference.PayloadOffset > 0 ? 2 : 0;
                view.ShouldBe(reference, $"frame of {frame.Length} bytes cut to {length}, round {round}");
                compared++;
            }
        }

        compared.ShouldBeGreaterThan(10_000);
    }

    private static IEnumerable<byte[]> EthernetIPv4Frames()
    {
        foreach (var capture in MutationTests.Corpus())
        {
            using var reader = CaptureReader.Open(new MemoryStream(capture))!;
            while (reader.TryRead(out var packet))
            {
                if (packet.LinkType == LinkTypes.Ethernet && packet.Data.Length >= 34 && packet.Data[12] == 0x08 && packet.Data[13] == 0x00)
                {
                    yield return packet.Data.ToArray();
                }
            }
        }
    }
}
