using Castellan.Core.Catalogs;
using Castellan.Domain.Assets;
using Castellan.Domain.Catalogs;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;
using static Castellan.Domain.Tests.Zones.WorkspaceBuilder;

namespace Castellan.Domain.Tests.Zones;

public sealed class RuleTests
{
    private static readonly Catalog SystemRequirements = ShippedCatalogs.Instance.Find(new CatalogId("iec62443-3-3-2013"))!;
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static List<Finding> Run(Workspace workspace, string rule) =>
        [.. WorkspaceChecker.Run(workspace, SystemRequirements, Today).Findings.Where(f => f.Rule == rule)];

    [Fact]
    public void CleanPlant_HasNoErrors() =>
        WorkspaceChecker.Run(Plant(), SystemRequirements, Today).Findings.ShouldNotContain(f => f.Severity == Severity.Error);

    [Fact]
    public void EveryRule_HasAnIdAndAClause() =>
        WorkspaceChecker.Rules.ShouldAllBe(r => r.Id.Length > 0 && r.Clause.StartsWith("IEC 62443", StringComparison.Ordinal));

    [Fact]
    public void AssetWithoutZone_IsAnError() =>
        Run(Plant(assets: [Asset("plc", AssetType.Plc, null)]), "asset-without-zone").ShouldHaveSingleItem().Objects.ShouldBe(["asset:plc"]);

    [Fact]
    public void AssetAddressInAnotherZonesNetwork_IsInTwoZones()
    {
        var plant = Plant(
            zones: [Zone("scada", PurdueLevel.Supervisory, network: "10.0.2.0/24"), Zone("control", PurdueLevel.BasicControl, network: "10.0.1.0/24")],
            conduits: [Conduit("c", "scada", "control")],
            assets: [Asset("plc", AssetType.Plc, "control", "10.0.2.7"), Asset("plc2", AssetType.Plc, "control", "10.0.1.7")]);

        var finding = Run(plant, "asset-in-two-zones").ShouldHaveSingleItem();

        finding.Objects.ShouldBe(["asset:plc", "zone:control", "zone:scada"]);
        finding.Severity.ShouldBe(Severity.Error);
    }

    [Fact]
    public void FlowBetweenZonesWithoutConduit_IsAnError()
    {
        var plant = Plant(flows: [new DataFlow("hmi", "plc", "modbus-tcp", 502)], conduits: [Conduit("dmz-scada", "dmz", "scada")]);

        Run(plant, "flow-without-conduit").ShouldHaveSingleItem().Message.ShouldContain("modbus-tcp/502");
        Run(Plant(flows: [new DataFlow("hmi", "plc", "modbus-tcp", 502)]), "flow-without-conduit").ShouldBeEmpty();
    }

    [Fact]
    public void SafetyControllerBesideBasicControl_IsAnError()
    {
        var plant = Plant(assets: [Asset("sis", AssetType.SafetyController, "control"), Asset("plc", AssetType.Plc, "control")]);

        Run(plant, "safety-with-control").ShouldHaveSingleItem().Clause.ShouldBe("IEC 62443-3-2 ZCR 3.3");
        Run(Plant(), "safety-with-control").ShouldBeEmpty();
    }

    [Fact]
    public void BusinessWorkstationInAControlZone_IsAnError() =>
        Run(Plant(assets: [Asset("office-pc", AssetType.Workstation, "control"), Asset("plc", AssetType.Plc, "control")]), "business-with-iacs")
            .ShouldHaveSingleItem().Objects.ShouldContain("asset:office-pc");

    [Fact]
    public void WirelessAndTemporaryDevicesBesideControl_AreWarnings()
    {
        var tablet = Asset("tablet", AssetType.Hmi, "control") with { Wireless = true };
        var laptop = Asset("laptop", AssetType.EngineeringWorkstation, "control") with { Temporary = true };
        var plant = Plant(assets: [tablet, laptop, Asset("plc", AssetType.Plc, "control")]);

        Run(plant, "wireless-not-separated").ShouldHaveSingleItem().Severity.ShouldBe(Severity.Warning);
        Run(plant, "temporary-not-separated").ShouldHaveSingleItem().Objects.ShouldContain("asset:laptop");
    }

    [Fact]
    public void ExternalNetworkIntoTheControlZone_IsAnError()
    {
        var plant = Plant(conduits: [Conduit("vpn", "external:vendor", "control", remote: true, approval: new Approval("CISO", null, null)), Conduit("web", "external:internet", "dmz")]);

        Run(plant, "external-not-separated").ShouldHaveSingleItem().Objects.ShouldBe(["conduit:vpn", "zone:control"]);
    }

    [Fact]
    public void EnterpriseStraightToControl_IsAnError()
    {
        var plant = Plant(zones: [Zone("office", PurdueLevel.Business), Zone("control", PurdueLevel.BasicControl)], conduits: [Conduit("c", "office", "control")], assets: []);

        Run(plant, "enterprise-to-control-without-dmz").ShouldHaveSingleItem();
    }

    [Fact]
    public void MissingSlt_OnZoneAndConduit_AreErrors()
    {
        var plant = Plant(zones: [Zone("a", PurdueLevel.Supervisory) with { Slt = null }, Zone("b", PurdueLevel.BasicControl)], conduits: [Conduit("c", "a", "b") with { Slt = null }], assets: []);

        Run(plant, "missing-slt").Select(f => f.Objects[0]).ShouldBe(["conduit:c", "zone:a"]);
    }

    [Fact]
    public void ConduitBelowAZone_IsAWarningNamingTheFrs()
    {
        var plant = Plant(zones: [Zone("a", PurdueLevel.Supervisory, SlVector.Uniform(3)), Zone("b", PurdueLevel.BasicControl)], conduits: [Conduit("c", "a", "b")], assets: []);

        var finding = Run(plant, "conduit-slt-below-zone").ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldContain("FR 1 IAC");
    }

    [Fact]
    public void SlaIsComputedFromResults_AndCappedBySlc()
    {
        var fr5 = SystemRequirements.Requirements.Where(r => r.Assessable && (r.Id.StartsWith("SR 5.", StringComparison.Ordinal)) && r.Levels.Contains(1)).ToList();
        var fr5AtTwo = SystemRequirements.Requirements.Where(r => r.Assessable && r.Id.StartsWith("SR 5.", StringComparison.Ordinal) && r.Levels.Contains(2)).ToList();
        var results = fr5AtTwo.Select(r => new RequirementResult { Scope = "zone:control", Requirement = r.Id, Status = ResultStatus.Met }).ToList();
        var plc = Asset("plc", AssetType.Plc, "control") with { Slc = new SlVector(4, 4, 4, 4, 1, 4, 4) };

        var levels = WorkspaceChecker.Run(Plant(results: results, assets: [plc]), SystemRequirements, Today).Zones.Single(z => z.Zone == "control");
        var uncapped = WorkspaceChecker.Run(Plant(results: results, assets: [plc with { Compensation = new Compensation("firewall", "legacy") }]), SystemRequirements, Today).Zones.Single(z => z.Zone == "control");

        fr5.ShouldNotBeEmpty();
        uncapped.Sla[5].ShouldBe(2);
        uncapped.Sla[1].ShouldBe(0);
        levels.Sla[5].ShouldBe(1);
        levels.Gap!.Value[5].ShouldBe(1);
    }

    [Fact]
    public void ComponentBelowTargetWithoutCompensation_IsAWarning()
    {
        var weak = Asset("plc", AssetType.Plc, "control") with { Slc = SlVector.Uniform(1), Vendor = "Acme", Model = "X1" };

        Run(Plant(assets: [weak]), "component-slc-below-slt").ShouldHaveSingleItem().Message.ShouldContain("Acme X1");
        Run(Plant(assets: [weak with { Compensation = new Compensation("zone firewall", "no SL 2 firmware") }]), "component-slc-below-slt").ShouldBeEmpty();
    }

    [Fact]
    public void LegacyOrOutOfSupportWithoutCompensation_IsAWarning()
    {
        var old = Asset("hmi", AssetType.Hmi, "scada") with { EndOfSupport = new DateOnly(2020, 1, 14) };

        Run(Plant(assets: [old]), "legacy-without-compensation").ShouldHaveSingleItem().Message.ShouldContain("out of support since 2020-01-14");
        Run(Plant(assets: [old with { EndOfSupport = new DateOnly(2030, 1, 1) }]), "legacy-without-compensation").ShouldBeEmpty();
    }

    [Fact]
    public void RemoteAccessWithoutApproval_IsAnError()
    {
        var plant = Plant(conduits: [Conduit("vendor", "external:vendor", "dmz", remote: true)]);

        Run(plant, "remote-access-unapproved").ShouldHaveSingleItem().Clause.ShouldBe("IEC 62443-3-3 SR 1.13 RE 1");
        Run(Plant(conduits: [Conduit("vendor", "external:vendor", "dmz", remote: true, approval: new Approval("Plant manager", new DateOnly(2026, 3, 1), "CHG-1"))]), "remote-access-unapproved").ShouldBeEmpty();
    }

    [Fact]
    public void ResultForAnUnknownRequirement_IsAnError() =>
        Run(Plant(results: [new RequirementResult { Scope = "zone:control", Requirement = "SR 9.9", Status = ResultStatus.Met }]), "result-unknown-requirement").ShouldHaveSingleItem();

    [Fact]
    public void Findings_AreOrderedErrorsFirstAndStable()
    {
        var plant = Plant(assets: [Asset("x", AssetType.Plc, null), Asset("old", AssetType.Hmi, "scada") with { Legacy = true }]);

        var first = WorkspaceChecker.Run(plant, SystemRequirements, Today).Findings;
        var second = WorkspaceChecker.Run(plant, SystemRequirements, Today).Findings;

        first.Select(f => f.Message).ShouldBe(second.Select(f => f.Message));
        first[0].Severity.ShouldBe(Severity.Error);
    }
}
