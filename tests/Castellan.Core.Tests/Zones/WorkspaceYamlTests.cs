using Castellan.Core.Common;
using Castellan.Core.Zones;
using Castellan.Domain.Assets;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;

namespace Castellan.Core.Tests.Zones;

public sealed class WorkspaceYamlTests
{
    private const string Minimal = """
        castellan: 1
        organisation: Test Water
        sites:
          - id: north
            name: North plant
            systems:
              - id: ics
                name: Treatment ICS
                accessPoints: [firewall]
        zones:
          - id: scada
            site: north
            name: SCADA
            purdue: 2
            networks: [10.0.2.0/24]
            slt: "2 2 2 1 2 1 2"
            sltMethod: risk-reduction
            sltRationale: "Ransomware from IT: \"high\""
          - id: control
            site: north
            name: Control
            purdue: 1
            slt: [2, 2, 2, 1, 3, 1, 3]
        conduits:
          - id: scada-control
            site: north
            name: SCADA to PLCs
            from: scada
            to: control
            channels:
              - { protocol: modbus-tcp, port: 502, direction: from-to }
            slt: "2 2 2 1 3 1 3"
            remoteAccess: false
        assets:
          - id: plc-1
            name: "PLC: filter 1"
            type: plc
            componentType: EDR
            vendor: Siemens
            model: S7-1516F
            firmware: "2.9"
            ip: [10.0.1.10]
            mac: ["00:1B:1B:AA:BB:01"]
            zone: control
            slc: "2 2 2 1 2 1 2"
            endOfSupport: 2032-12-31
            compensation: { countermeasure: conduit firewall, rationale: "SL-C 2 on RDF" }
        flows:
          - { from: plc-1, to: plc-1, protocol: s7comm, port: 102 }
        results:
          - { scope: zone:control, requirement: SR 1.1, status: met, evidence: AD accounts }
        """;

    [Fact]
    public void Read_ValidFile_GivesTheModel()
    {
        var workspace = WorkspaceYaml.Read("plant.yaml", Minimal);

        workspace.Zones.Single(z => z.Id == "control").Slt.ShouldBe(new SlVector(2, 2, 2, 1, 3, 1, 3));
        workspace.Zones.Single(z => z.Id == "scada").Purdue.ShouldBe(PurdueLevel.Supervisory);
        var plc = workspace.Assets.ShouldHaveSingleItem();
        plc.Type.ShouldBe(AssetType.Plc);
        plc.Macs.ShouldBe(["00:1b:1b:aa:bb:01"]);
        plc.EndOfSupport.ShouldBe(new DateOnly(2032, 12, 31));
        workspace.Results.ShouldHaveSingleItem().Status.ShouldBe(ResultStatus.Met);
    }

    [Fact]
    public void WriteThenRead_IsLossless()
    {
        var workspace = WorkspaceYaml.Read("plant.yaml", Minimal);

        var text = WorkspaceYamlWriter.Write(workspace);
        var back = WorkspaceYaml.Read("back.yaml", text);

        WorkspaceYamlWriter.Write(back).ShouldBe(text);
        back.Assets[0].ShouldBe(workspace.Assets[0] with { Ips = back.Assets[0].Ips, Macs = back.Assets[0].Macs });
        back.Assets[0].Ips.ShouldBe(workspace.Assets[0].Ips);
        back.Zones.Select(z => z.SltBasis).ShouldBe(workspace.Zones.Select(z => z.SltBasis));
    }

    [Theory]
    [InlineData("    purdue: 2\n", "    purdue: 2.5\n", "plant.yaml:14: zone 'scada', field 'purdue': '2.5' is not a Purdue level")]
    [InlineData("    slt: \"2 2 2 1 2 1 2\"\n", "    slt: \"2 2 2 1 2 1\"\n", "zone 'scada', field 'slt': '2 2 2 1 2 1' is not an SL vector")]
    [InlineData("    type: plc\n", "    type: plcc\n", "asset 'plc-1', field 'type': 'plcc' is not one of")]
    [InlineData("    zone: control\n", "    zone: contrl\n", "asset 'plc-1', field 'zone': unknown zone 'contrl'")]
    [InlineData("    to: control\n", "    to: nowhere\n", "conduit 'scada-control', field 'to': unknown zone 'nowhere'")]
    [InlineData("    firmware: \"2.9\"\n", "    firmware: \"2.9\"\n    colour: red\n", "asset 'plc-1': unknown field 'colour'")]
    [InlineData("    ip: [10.0.1.10]\n", "    ip: [10.0.1.300]\n", "'10.0.1.300' is not an IP address")]
    [InlineData("castellan: 1\n", "castellan: 2\n", "format version 2 is not supported")]
    public void Read_BrokenFile_IsRefusedWithLineAndField(string find, string replace, string message)
    {
        Minimal.ShouldContain(find);

        var error = Should.Throw<InputException>(() => WorkspaceYaml.Read("plant.yaml", Minimal.Replace(find, replace, StringComparison.Ordinal)));

        error.Message.ShouldStartWith("plant.yaml:");
        error.Message.ShouldContain(message);
    }
}
