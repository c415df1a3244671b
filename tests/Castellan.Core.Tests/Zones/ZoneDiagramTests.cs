using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Castellan.Core.Zones;
using Castellan.Domain.Assets;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;

namespace Castellan.Core.Tests.Zones;

/// <summary>The zone and conduit drawing: well-formed, complete, laid out by Purdue level, findings visible, deterministic, inert.</summary>
public sealed partial class ZoneDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static SlVector Sl(string text) => SlVector.TryParse(text, out var vector, out var error) ? vector : throw new ArgumentException(error);

    private static Zone Zone(string id, PurdueLevel level, string site = "plant", bool safety = false, string? name = null) =>
        new() { Id = id, Site = site, Name = name ?? $"Zone {id}", Purdue = level, Safety = safety, Slt = Sl("2 2 2 1 3 1 3") };

    private static Conduit Conduit(string id, string from, string to, bool remote = false, string site = "plant") =>
        new() { Id = id, Site = site, Name = id, From = from, To = to, RemoteAccess = remote, Channels = [new Channel("opc-ua", 4840, "both")] };

    private static Workspace FiveZones(string controlName = "Filtration control") => new()
    {
        Organisation = "Example Water Utility",
        Sites = [new Site { Id = "plant", Name = "North plant" }],
        Zones =
        [
            Zone("enterprise", PurdueLevel.Business), Zone("dmz", PurdueLevel.Dmz), Zone("scada", PurdueLevel.Supervisory),
            Zone("control", PurdueLevel.BasicControl, name: controlName), Zone("sis", PurdueLevel.BasicControl, safety: true),
        ],
        Conduits =
        [
            Conduit("enterprise-to-dmz", "enterprise", "dmz"), Conduit("dmz-to-scada", "dmz", "scada"),
            Conduit("scada-to-control", "scada", "control"), Conduit("scada-to-sis", "scada", "sis"),
            Conduit("vendor-vpn", "external:vendor", "dmz", remote: true),
        ],
        Assets = [new Asset { Id = "plc-01", Name = "PLC 1", Type = AssetType.Plc, Zone = "control" }],
    };

    private static readonly ZoneLevels[] FiveLevels =
    [
        new("enterprise", Sl("2 2 2 1 3 1 3"), Sl("2 2 2 1 3 1 3"), null, []),
        new("control", Sl("2 2 2 1 3 1 3"), Sl("1 2 2 1 3 1 3"), null, []),
    ];

    private static readonly Finding[] ControlFinding =
    [
        new("ZONE-TEST", Severity.Error, "IEC 62443-3-2 ZCR 3.2", ["zone:control"], "Control zone reachable from the enterprise", "Add a DMZ"),
        new("CONDUIT-TEST", Severity.Warning, "IEC 62443-3-3 SR 5.1", ["conduit:scada-to-sis"], "Safety conduit not separated", "Separate it"),
        new("INFO-TEST", Severity.Info, "-", ["zone:scada"], "Only informative", "-"),
    ];

    private static XDocument Parse(string svg) => XDocument.Parse(svg);

    private static XElement Element(XDocument document, string id) =>
        document.Descendants().Single(e => (string?)e.Attribute("id") == id);

    private static (double X, double Y) Position(XElement group)
    {
        var match = Translate().Match((string?)group.Attribute("transform") ?? "");
        match.Success.ShouldBeTrue($"{group.Attribute("id")} has a translate(x,y)");
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"translate\(([-\d.]+),([-\d.]+)\)")]
    private static partial Regex Translate();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [Fact]
    public void Render_FiveZones_ParsesAsSvgDocument()
    {
        var document = Parse(ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding));

        document.Root!.Name.ShouldBe(Svg + "svg");
        ((string?)document.Root.Attribute("viewBox")).ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Render_FiveZones_DrawsEveryZoneAndConduitOnce()
    {
        var workspace = FiveZones();
        var ids = Parse(ZoneDiagram.Render(workspace, FiveLevels, ControlFinding)).Descendants().Select(e => (string?)e.Attribute("id")).ToList();

        foreach (var zone in workspace.Zones)
        {
            ids.Count(id => id == $"zone-{zone.Id}").ShouldBe(1, zone.Id);
        }

        foreach (var conduit in workspace.Conduits)
        {
            ids.Count(id => id == $"conduit-{conduit.Id}").ShouldBe(1, conduit.Id);
        }
    }

    [Fact]
    public void Render_FiveZones_StacksPurdueLevelsTopDown()
    {
        var document = Parse(ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding));
        var y = (string id) => Position(Element(document, $"zone-{id}")).Y;

        y("enterprise").ShouldBeLessThan(y("dmz"));
        y("dmz").ShouldBeLessThan(y("scada"));
        y("scada").ShouldBeLessThan(y("control"));
        y("control").ShouldBe(y("sis"));
    }

    [Fact]
    public void Render_ExternalNetwork_DrawnAboveTheTopBand()
    {
        var document = Parse(ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding));
        var ellipse = Element(document, "external-vendor").Element(Svg + "ellipse")!;
        var top = double.Parse((string)ellipse.Attribute("cy")!, CultureInfo.InvariantCulture) + double.Parse((string)ellipse.Attribute("ry")!, CultureInfo.InvariantCulture);

        top.ShouldBeLessThan(Position(Element(document, "zone-enterprise")).Y);
    }

    [Fact]
    public void Render_ZoneWithErrorFinding_OutlinedRedWithMessageInTooltip()
    {
        var document = Parse(ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding));
        var control = Element(document, "zone-control");
        var scada = Element(document, "zone-scada");

        ((string?)control.Element(Svg + "rect")!.Attribute("stroke")).ShouldBe("#c62828");
        control.Element(Svg + "title")!.Value.ShouldContain("Control zone reachable from the enterprise");
        ((string?)scada.Element(Svg + "rect")!.Attribute("stroke")).ShouldNotBe("#c62828", "an info finding does not flag a zone");
    }

    [Fact]
    public void Render_FindingOnAsset_FlagsTheAssetsZone()
    {
        Finding[] findings = [new("ASSET-TEST", Severity.Warning, "-", ["asset:plc-01"], "PLC past end of support", "Replace")];
        var document = Parse(ZoneDiagram.Render(FiveZones(), FiveLevels, findings));

        ((string?)Element(document, "zone-control").Element(Svg + "rect")!.Attribute("stroke")).ShouldBe("#c62828");
    }

    [Fact]
    public void Render_ConduitWithWarningFinding_DrawnRed()
    {
        var document = Parse(ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding));
        var stroke = (string id) => Element(document, $"conduit-{id}").Elements(Svg + "polyline").Last().Attribute("stroke")!.Value;

        stroke("scada-to-sis").ShouldBe("#c62828");
        stroke("scada-to-control").ShouldNotBe("#c62828");
        Element(document, "conduit-scada-to-sis").Element(Svg + "title")!.Value.ShouldContain("Safety conduit not separated");
    }

    [Fact]
    public void Render_RemoteAccessConduit_IsDashed()
    {
        var document = Parse(ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding));

        Element(document, "conduit-vendor-vpn").Elements(Svg + "polyline").Last().Attribute("stroke-dasharray").ShouldNotBeNull();
        Element(document, "conduit-dmz-to-scada").Elements(Svg + "polyline").Last().Attribute("stroke-dasharray").ShouldBeNull();
    }

    [Fact]
    public void Render_SafetyZoneAndShortfall_MarkedOnTheBox()
    {
        var document = Parse(ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding));

        Element(document, "zone-sis").Descendants(Svg + "text").Select(t => t.Value).ShouldContain("SAFETY");
        Element(document, "zone-control").Elements(Svg + "rect").Select(r => (string?)r.Attribute("fill")).ShouldContain("#c62828", "SL-A below SL-T on FR 1");
        Element(document, "zone-enterprise").Elements(Svg + "rect").Select(r => (string?)r.Attribute("fill")).ShouldNotContain("#c62828");
    }

    [Fact]
    public void Render_SameInput_SameBytes()
    {
        var first = ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding);
        var second = ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding);
        var shuffled = FiveZones() with { Zones = [.. FiveZones().Zones.Reverse()], Conduits = [.. FiveZones().Conduits.Reverse()] };

        second.ShouldBe(first);
        ZoneDiagram.Render(shuffled, FiveLevels, ControlFinding).ShouldBe(first, "input order does not matter");
    }

    [Fact]
    public void Render_Anything_IsInertUnderStrictCsp()
    {
        var svg = ZoneDiagram.Render(FiveZones(), FiveLevels, ControlFinding);

        svg.ShouldNotContain("<script", Case.Insensitive);
        svg.ShouldNotContain("<style", Case.Insensitive);
        svg.ShouldNotContain(" style=", Case.Insensitive);
        svg.ShouldNotContain("href", Case.Insensitive);
        svg.ShouldNotContain("url(", Case.Insensitive);
        EventHandler().IsMatch(svg).ShouldBeFalse("no on* event handler attributes");
    }

    [Fact]
    public void Render_TextWithMarkup_IsEscaped()
    {
        const string Name = "R&D <script>alert(1)</script> \"lab\"";
        var svg = ZoneDiagram.Render(FiveZones(controlName: Name) with { Organisation = "A & B <Water>" }, FiveLevels, ControlFinding);
        var document = Parse(svg);

        svg.ShouldNotContain("<script");
        document.Descendants(Svg + "text").Select(t => t.Value).ShouldContain("Zones and conduits: A & B <Water>");
        Element(document, "zone-control").Element(Svg + "title")!.Value.ShouldContain(Name);
    }

    [Fact]
    public void Render_SiteFilter_DrawsOnlyThatSite()
    {
        var workspace = FiveZones() with { Zones = [.. FiveZones().Zones, Zone("south-control", PurdueLevel.BasicControl, site: "south")] };
        var ids = Parse(ZoneDiagram.Render(workspace, FiveLevels, ControlFinding, site: "south")).Descendants().Select(e => (string?)e.Attribute("id")).ToList();

        ids.ShouldContain("zone-south-control");
        ids.ShouldNotContain("zone-control");
        ids.ShouldNotContain("conduit-scada-to-control");
    }

    [Fact]
    public void Render_SeveralSites_GroupsZonesInSiteColumns()
    {
        Zone[] south = [Zone("south-scada", PurdueLevel.Supervisory, site: "south"), Zone("south-control", PurdueLevel.BasicControl, site: "south")];
        var workspace = FiveZones() with { Zones = [.. FiveZones().Zones, .. south], Sites = [.. FiveZones().Sites, new Site { Id = "south", Name = "South plant" }] };
        var document = Parse(ZoneDiagram.Render(workspace, FiveLevels, ControlFinding));
        var rightmostPlant = workspace.Zones.Where(z => z.Site == "plant").Max(z => Position(Element(document, $"zone-{z.Id}")).X);

        south.ShouldAllBe(z => Position(Element(document, $"zone-{z.Id}")).X > rightmostPlant);
        document.Descendants(Svg + "text").Select(t => t.Value).ShouldContain("Site: South plant");
    }

    [Fact]
    public void Render_200Zones600Conduits_EveryZoneOnceAtItsOwnPlace()
    {
        var workspace = Generated();
        var document = Parse(ZoneDiagram.Render(workspace, [], []));
        var groups = document.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("id"))?.StartsWith("zone-", StringComparison.Ordinal) == true).ToList();

        groups.Count.ShouldBe(200);
        groups.Select(g => (string?)g.Attribute("id")).Distinct().Count().ShouldBe(200);
        groups.Select(Position).Distinct().Count().ShouldBe(200, "no two zone boxes share a place");
        document.Descendants(Svg + "g").Count(g => ((string?)g.Attribute("id"))?.StartsWith("conduit-", StringComparison.Ordinal) == true).ShouldBe(600);
    }

    [Fact]
    public void Render_200Zones600Conduits_NoConduitCrossesAZoneBox()
    {
        var workspace = Generated();
        var document = Parse(ZoneDiagram.Render(workspace, [], []));
        var boxes = workspace.Zones.ToDictionary(z => z.Id, z => Position(Element(document, $"zone-{z.Id}")));

        foreach (var conduit in workspace.Conduits)
        {
            var points = ((string)Element(document, $"conduit-{conduit.Id}").Elements(Svg + "polyline").Last().Attribute("points")!)
                .Split(' ').Select(p => p.Split(',')).Select(p => (X: double.Parse(p[0], CultureInfo.InvariantCulture), Y: double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
            foreach (var (id, (x, y)) in boxes.Where(b => b.Key != conduit.From && b.Key != conduit.To))
            {
                for (var i = 1; i < points.Count; i++)
                {
                    // Orthogonal segments: a segment crosses a box when its span overlaps the box interior on both axes.
                    var (a, b) = (points[i - 1], points[i]);
                    var crosses = Math.Max(a.X, b.X) > x + 1 && Math.Min(a.X, b.X) < x + ZoneDiagram.BoxWidth - 1
                        && Math.Max(a.Y, b.Y) > y + 1 && Math.Min(a.Y, b.Y) < y + ZoneDiagram.BoxHeight - 1;
                    crosses.ShouldBeFalse($"conduit {conduit.Id} crosses zone {id}");
                }
            }
        }
    }

    /// <summary>200 zones over all Purdue levels in two sites, 600 conduits (some external, some remote access).</summary>
    private static Workspace Generated()
    {
        var levels = Enum.GetValues<PurdueLevel>();
        var zones = Enumerable.Range(0, 200).Select(i => Zone($"z{i:D3}", levels[i % levels.Length], site: i < 140 ? "plant" : "south")).ToList();
        var conduits = Enumerable.Range(0, 600).Select(i =>
        {
            var from = zones[i % 200].Id;
            var to = i % 50 == 0 ? "external:internet" : zones[((i * 37) + 11 + (i / 200)) % 200].Id;
            return Conduit($"c{i:D3}", from, to == from ? zones[(i + 1) % 200].Id : to, remote: i % 9 == 0);
        }).ToList();
        return new Workspace
        {
            Organisation = "Generated",
            Sites = [new Site { Id = "plant", Name = "Plant" }, new Site { Id = "south", Name = "South" }],
            Zones = zones,
            Conduits = conduits,
        };
    }
}

/// <summary>The per-zone SL-T against SL-A radar chart.</summary>
public sealed class SlChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static SlVector Sl(string text) => SlVector.TryParse(text, out var vector, out var error) ? vector : throw new ArgumentException(error);

    [Fact]
    public void Render_ZoneLevels_ParsesWithSevenAxisLabels()
    {
        var document = XDocument.Parse(SlChart.Render(new ZoneLevels("control", Sl("2 2 2 1 3 1 3"), Sl("1 2 2 1 2 1 3"), null, []), "Filtration & control"));
        var texts = document.Descendants(Svg + "text").Select(t => t.Value).ToList();

        SlVector.Abbreviations.ShouldAllBe(fr => texts.Count(t => t == fr) == 1);
        texts.ShouldContain("Filtration & control");
    }

    [Fact]
    public void Render_WithAndWithoutTarget_DrawsTargetOnlyWhenSet()
    {
        var ids = (SlVector? slt) => XDocument.Parse(SlChart.Render(new ZoneLevels("z", slt, Sl("1 1 1 1 1 1 1"), null, []), "z"))
            .Descendants().Select(e => (string?)e.Attribute("id")).ToList();

        ids(Sl("2 2 2 2 2 2 2")).ShouldContain("slt");
        ids(null).ShouldNotContain("slt");
        ids(null).ShouldContain("sla");
    }

    [Fact]
    public void Render_SameInput_SameBytes()
    {
        var levels = new ZoneLevels("z", Sl("3 3 3 3 3 3 3"), Sl("1 2 3 0 1 2 3"), null, []);

        SlChart.Render(levels, "z").ShouldBe(SlChart.Render(levels, "z"));
    }
}
