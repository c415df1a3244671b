using Castellan.Network.Discovery;
using Castellan.Network.Packets;
using Castellan.Network.Protocols;
using Castellan.Network.Tests.Captures;
using Castellan.Tests;

namespace Castellan.Network.Tests.Protocols;

/// <summary>Protocol recognition, operations and roles on real captures and on hand-built packets.</summary>
public sealed class ProtocolDiscoveryTests
{
    [Fact]
    public void Run_ModbusOnAnUnusualPort_RecognisedByPayloadAndWriteFlagged()
    {
        var path = Path.Combine(TestPaths.TempDirectory(), "modbus-5020.pcap");
        File.WriteAllBytes(path, CaptureFiles.Pcap(false, false, 1, 65535,
            (1_700_000_000, 0, CaptureFiles.TcpFrame("10.0.0.1", 40000, "10.0.0.2", 5020, [0, 1, 0, 0, 0, 6, 1, 6, 0, 1, 0, 3], flags: 0x02)),
            (1_700_000_000, 1, CaptureFiles.TcpFrame("10.0.0.1", 40000, "10.0.0.2", 5020, [0, 1, 0, 0, 0, 6, 1, 6, 0, 1, 0, 3])),
            (1_700_000_000, 2, CaptureFiles.TcpFrame("10.0.0.2", 5020, "10.0.0.1", 40000, [0, 1, 0, 0, 0, 6, 1, 6, 0, 1, 0, 3]))));

        var result = new DiscoverNetwork().Run([path]);

        var conversation = result.Conversations.ShouldHaveSingleItem();
        conversation.Protocol.ShouldBe(ProtocolId.Modbus);
        conversation.IdentifiedBy.ShouldBe(Identification.Payload);
        conversation.Server.Port.ShouldBe((ushort)5020);
        conversation.Operations.ShouldContain(Operation.ModbusWriteSingleRegister);
        Operation.ModbusWriteSingleRegister.IsNotable().ShouldBeTrue();
        result.Devices.Single(d => d.Ip.ToString() == "10.0.0.2").Role.ShouldBe(DeviceRole.Plc);
        result.Devices.Single(d => d.Ip.ToString() == "10.0.0.1").Role.ShouldBe(DeviceRole.Hmi);
    }

    [Fact]
    public void Run_Iec61850Capture_GoosePublishersAreMacOnlyIeds()
    {
        var result = Run("IEC61850_Sample_File_MMS_and_GOOSE.pcap");

        result.Conversations.ShouldContain(c => c.Protocol == ProtocolId.Goose && c.Transport == Transport.Ethernet);
        result.Conversations.ShouldContain(c => c.Protocol == ProtocolId.Mms && c.Server.Port == 102);
        var publishers = result.Devices.Where(d => d.Serves.Contains(ProtocolId.Goose)).ToList();
        publishers.ShouldNotBeEmpty();
        publishers.ShouldAllBe(d => d.Role == DeviceRole.Ied && !d.Mac.IsNone);
    }

    [Fact]
    public void Run_ProfinetDcpCapture_MacOnlyDevicesAndDcpSetFlagged()
    {
        var result = Run("profinet_PROFINET-RT-DCP_ChangeIPUsingDCP.pcap");

        result.Conversations.ShouldContain(c => c.Protocol == ProtocolId.Profinet && c.Operations.Contains(Operation.ProfinetDcpSet));
        result.Devices.ShouldContain(d => d.Ip.IsNone && !d.Mac.IsNone);
        result.Devices.ShouldContain(d => d.Role == DeviceRole.EngineeringWorkstation);
    }

    [Fact]
    public void Run_Dnp3OverDltNull_OutstationIsRtuAndMasterFound()
    {
        var result = Run("dnp3_opendnp3_conformance_dump_dlt_null.pcap");

        result.Stats.Inputs.ShouldHaveSingleItem().LinkTypes.ShouldBe([0]);
        result.Conversations.ShouldContain(c => c.Protocol == ProtocolId.Dnp3 && c.IdentifiedBy == Identification.Payload);
        result.Devices.ShouldContain(d => d.Role == DeviceRole.Rtu);
    }

    [Fact]
    public void Run_WinccCaptureNamedPcapngButClassicPcap_ReadAsPcapWithS7()
    {
        var result = Run("s7_wincc_s400_production.pcapng");

        result.Stats.Inputs.ShouldHaveSingleItem().Format.ShouldBe("pcap");
        result.Conversations.ShouldAllBe(c => c.Protocol == ProtocolId.S7Comm);
    }

    [Theory]
    [InlineData("beckoff_beckoffiplink.pcapng", ProtocolId.Ads)]
    [InlineData("s7_S7Comm_wrapup.pcapng", ProtocolId.C37118)]
    [InlineData("BACnet_bacnet_test.pcap", ProtocolId.Bacnet)]
    [InlineData("bro_dnp3_dnp3.pcap", ProtocolId.Dnp3)]
    [InlineData("CIP_cip_only.pcap", ProtocolId.EtherNetIp)]
    [InlineData("ModbusTCP_ModbusTCP.pcap", ProtocolId.Modbus)]
    public void Run_RealCapture_ProtocolRecognisedFromPayload(string file, ProtocolId protocol)
    {
        Run(file).Conversations.ShouldContain(c => c.Protocol == protocol && c.IdentifiedBy == Identification.Payload);
    }

    [Fact]
    public void Run_MultimediaMessagingOverHttp_NotMistakenForIec61850Mms()
    {
        var result = Run("IEC61850_m-send-req.mms.pcap");

        result.Conversations.ShouldNotContain(c => c.Protocol == ProtocolId.Mms);
        result.Conversations.ShouldContain(c => c.Protocol == ProtocolId.Http);
    }

    [Fact]
    public void Run_S7CommPlus_SetVariableIsAWrite()
    {
        var path = TestPaths.RequireTestData("pcap", "icsnpp", "s7comm", "tests", "traces", "s7comm_plus.pcap");

        var result = new DiscoverNetwork().Run([path]);

        result.Conversations.ShouldContain(c => c.Protocol == ProtocolId.S7CommPlus && c.Operations.Contains(Operation.S7PlusSetVariable));
    }

    private static DiscoveryResult Run(string itiFile) => new DiscoverNetwork().Run([TestPaths.RequireTestData("pcap", "iti", itiFile)]);
}
