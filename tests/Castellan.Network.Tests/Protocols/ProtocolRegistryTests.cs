using Castellan.Network.Captures;
using Castellan.Network.Packets;
using Castellan.Network.Protocols;
using Castellan.Tests;

namespace Castellan.Network.Tests.Protocols;

public sealed class ProtocolRegistryTests
{
    /// <summary>
    /// The direct dispatch used once per packet must be the registry's decoder: every TCP/UDP payload of the shared
    /// captures is inspected as every protocol that has a decoder, both ways, and must report the same.
    /// </summary>
    [Fact]
    public void Inspect_EveryPayloadAsEveryProtocol_SameAsRegisteredDecoder()
    {
        var folder = TestPaths.RequireTestData("pcap", "iti");
        var protocols = Enum.GetValues<ProtocolId>().Where(p => ProtocolRegistry.For(p) is not null).ToList();
        protocols.ShouldContain(ProtocolId.EtherNetIp);
        protocols.ShouldContain(ProtocolId.Modbus);
        DecodeContext direct = new(), registered = new();
        var payloads = 0;
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(path);
            using var reader = CaptureReader.Open(stream);
            if (reader is null)
            {
                continue;
            }

            for (var packets = 0; packets < 2000 && reader.TryRead(out var packet); packets++)
            {
                if (PacketDecoder.Decode(packet.LinkType, packet.Data, out var view) != DecodeStatus.Ip
                    || view.Transport is not (Transport.Tcp or Transport.Udp) || view.PayloadLength == 0)
                {
                    continue;
                }

                var payload = packet.Data.Slice(view.PayloadOffset, view.PayloadLength);
                payloads++;
                foreach (var protocol in protocols)
                {
                    direct.Reset(view);
                    registered.Reset(view);
                    ProtocolRegistry.Inspect(protocol, payload, direct);
                    ProtocolRegistry.For(protocol)!.Inspect(payload, registered);
                    (direct.Operations == registered.Operations && direct.Direction == registered.Direction && direct.Malformed == registered.Malformed)
                        .ShouldBeTrue($"{Path.GetFileName(path)} packet {packets} inspected as {protocol}");
                }
            }
        }

        payloads.ShouldBeGreaterThan(1000);
    }
}
