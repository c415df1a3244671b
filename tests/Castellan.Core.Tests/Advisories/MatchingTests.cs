using Castellan.Domain.Advisories;
using Castellan.Domain.Assets;
using Castellan.Domain.Zones;

namespace Castellan.Core.Tests.Advisories;

/// <summary>The pure matching rules: version ranges, vendor and model normalisation, confidence, product status, order.</summary>
public sealed class MatchingTests
{
    [Theory]
    [InlineData("vers:all/*", "4.3", true)]
    [InlineData("vers:all/*", null, true)]
    [InlineData("<= 10.10", "10.9", true)]
    [InlineData("<= 10.10", "10.10", true)]
    [InlineData("<= 10.10", "10.11", false)]
    [InlineData("< V2.9", "V2.8.1", true)]
    [InlineData("< V2.9", "2.9", false)]
    [InlineData("vers:all/<V3.1.2", "3.1.1", true)]
    [InlineData("vers:generic/>=1.0|<2.0", "1.5", true)]
    [InlineData("vers:generic/>=1.0|<2.0", "2.0", false)]
    [InlineData("vers:generic/>=1.0|<2.0|>=3.0|<4.0", "3.5", true)]
    [InlineData("vers:generic/>=1.0|<2.0|>=3.0|<4.0", "2.5", false)]
    [InlineData(">= V2.0 < V3.1", "2.5", true)]
    [InlineData(">= V2.0 < V3.1", "3.1", false)]
    [InlineData("All versions < V2.9", "2.8", true)]
    [InlineData("4.3", "4.3.0", true)]
    [InlineData("4.3.x", "4.3.7", true)]
    [InlineData("4.3.x", "4.4", false)]
    [InlineData("1.2 | 1.4", "1.4", true)]
    [InlineData("< V9.3 SP1", "9.3", true)]
    [InlineData("< V9.3 SP1", "9.3 SP1", false)]
    [InlineData("<= 10.10", null, null)]
    [InlineData("<=the_first_9_digits_of_serial_number_1", "1.0", null)]
    public void VersionRange_Contains_FollowsVersAndPlainExpressions(string range, string? firmware, bool? expected) =>
        VersionRange.Parse(range).Contains(firmware).ShouldBe(expected);

    [Theory]
    [InlineData("Rockwell Automation/Allen-Bradley", "rockwell automation")]
    [InlineData("Allen-Bradley", "rockwell automation")]
    [InlineData("Rockwell Automation ", "rockwell automation")]
    [InlineData("Schneider Electric Software, LLC", "schneider electric")]
    [InlineData("Siemens AG", "siemens")]
    [InlineData("General Electric (GE)", "general electric")]
    [InlineData("Mitsubishi Electric Corporation", "mitsubishi electric")]
    public void Vendor_Aliases_NormaliseToOneKey(string vendor, string key) => ProductNames.Vendor(vendor).ShouldBe(key);

    [Fact]
    public void Model_CatalogueNumberWithSeries_SplitsFamilyAndSeries()
    {
        var key = ProductNames.Model("1756-ENBT/A");
        key.Tokens.ShouldBe(["1756-ENBT"]);
        key.Series.ShouldBe("A");
        ProductNames.Model("MicroLogix 1400 Controllers Series B").Series.ShouldBe("B");
    }

    [Fact]
    public void Match_SeriesAndVersions_GiveConfidenceAndReason()
    {
        var matcher = AdvisoryMatcher.Build([Advisory(
            [Product("P1", "1756-EN2T Series D", "<= 10.10"), Product("P2", "1756-ENBT", "vers:all/*"), Product("P3", "MicroLogix 1400 Controllers Series B", "<= 21.003")],
            Affected("CVE-1", "P1", "P2", "P3"))]);

        var matches = matcher.Match([
            Asset("a", "1756-EN2T/D", "10.9"), Asset("b", "1756-EN2T/D", "11.1"), Asset("c", "1756-EN2T/C", "10.9"), Asset("d", "1756-EN2T", "10.9"),
            Asset("e", "1756-ENBT/A", "4.3"), Asset("f", "1756-EN2T/D", null), Asset("g", "MicroLogix 1400", "21.001"), Asset("h", "1756-ENBT/A", "4.3", vendor: "Siemens"),
        ]);

        matches.ToDictionary(m => m.Asset.Id, m => m.Confidence).ShouldBe(new Dictionary<string, MatchConfidence>
        {
            ["a"] = MatchConfidence.Exact,
            ["d"] = MatchConfidence.ModelFamily,
            ["e"] = MatchConfidence.Exact,
            ["f"] = MatchConfidence.VersionUnknown,
            ["g"] = MatchConfidence.ModelFamily,
        });
        matches.Single(m => m.Asset.Id == "a").Reason.ShouldContain("firmware 10.9 in '<= 10.10'");
    }

    [Fact]
    public void Match_FixedOrNotAffectedVersion_IsNotReported()
    {
        var vulnerability = new Vulnerability
        {
            Cve = "CVE-2",
            Status = new Dictionary<string, ProductStatus> { ["P1"] = ProductStatus.Affected, ["P2"] = ProductStatus.Fixed, ["P3"] = ProductStatus.NotAffected },
            FirstFixed = new HashSet<string> { "P2" },
        };
        var matcher = AdvisoryMatcher.Build([Advisory([Product("P1", "S7-1200", "vers:all/*"), Product("P2", "S7-1200", "4.5"), Product("P3", "S7-1200", "3.0")], vulnerability)]);

        var matches = matcher.Match([Asset("old", "S7-1200", "4.4"), Asset("fixed", "S7-1200", "4.6"), Asset("vex", "S7-1200", "3.0")]);

        matches.Select(m => m.Asset.Id).ShouldBe(["old"]);
    }

    [Fact]
    public void Report_Order_ExposureBeforeConsequenceBeforeCvss()
    {
        var workspace = new Workspace
        {
            Organisation = "t",
            Zones = [Zone("internal", PurdueLevel.BasicControl, "critical"), Zone("exposed", PurdueLevel.BasicControl, "low"), Zone("plain", PurdueLevel.Supervisory, "low"), Zone("dmz", PurdueLevel.Dmz, "low")],
            Conduits = [new Conduit { Id = "vpn", Site = "s", Name = "vpn", From = "external:vendor", To = "exposed" }, new Conduit { Id = "down", Site = "s", Name = "d", From = "plain", To = "internal" }],
        };
        var advisory = Advisory([Product("P1", "S7-1200", "vers:all/*")], Affected("CVE-3", "P1"));
        var matches = AdvisoryMatcher.Build([advisory]).Match([Asset("pl", "S7-1200", "1.0") with { Zone = "plain" }, Asset("in", "S7-1200", "1.0") with { Zone = "internal" }, Asset("ex", "S7-1200", "1.0") with { Zone = "exposed" }]);

        var report = VulnerabilityReport.Build(workspace, matches, []);

        // "in" is reached from "plain" (level 2 above level 1); "plain" only reaches down: contained.
        report.Select(r => (r.Asset.Id, r.Exposure)).ShouldBe([("ex", Exposure.External), ("in", Exposure.LessTrustedZone), ("pl", Exposure.Contained)]);
        report[0].Reachability.Single().Id.ShouldBe("vpn");
        report[1].Consequence.ShouldBe(4);
    }

    private static Zone Zone(string id, PurdueLevel level, string criticality) => new() { Id = id, Site = "s", Name = id, Purdue = level, Criticality = criticality };

    private static Asset Asset(string id, string model, string? firmware, string vendor = "Rockwell Automation/Allen-Bradley") =>
        new() { Id = id, Name = id, Type = AssetType.Plc, Vendor = vendor, Model = model, Firmware = firmware };

    private static AdvisoryProduct Product(string id, string name, string versions) =>
        new(id, $"{name}: {versions}", "Rockwell Automation", name, VersionRange.Parse(versions), []);

    private static Vulnerability Affected(string cve, params string[] products) =>
        new() { Cve = cve, Status = products.ToDictionary(p => p, _ => ProductStatus.Affected) };

    private static Advisory Advisory(IReadOnlyList<AdvisoryProduct> products, Vulnerability vulnerability) =>
        new() { TrackingId = "T-1", Version = "1", Title = "t", Publisher = "p", Products = products, Vulnerabilities = [vulnerability] };
}
