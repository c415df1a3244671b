using System.Globalization;
using System.Security;
using System.Text;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;

namespace Castellan.Core.Zones;

/// <summary>
/// The zone and conduit drawing (IEC 62443-3-2 ZCR 6.3) as a standalone SVG: one horizontal band per Purdue level,
/// enterprise on top and field at the bottom, a column per site, external networks as ellipses above the bands.
/// Zones carry their SL-T and SL-A vectors (red when SL-A falls short on any FR); objects with error or warning
/// findings are drawn red with the findings in a tooltip. Presentation attributes only (no style, no script, no
/// external resource), so it passes a strict Content-Security-Policy when embedded. Same input, same bytes.
/// </summary>
public static class ZoneDiagram
{
    internal const double BoxWidth = 212, BoxHeight = 100, GapX = 56, GapY = 76, Pitch = BoxWidth + GapX;
    private const double LabelColumn = 150, Margin = 16, SiteGap = 24, EmptyBand = 40, HeaderHeight = 64, SiteHeader = 34;
    private const double ExternalHeight = 40, LabelLimit = 80;
    private const string Red = "#c62828", Line = "#546e7a", Ink = "#263238", Muted = "#607d8b";

    /// <summary>Offsets of the parallel lanes in a gutter or channel, in the order they are used: the middle first.</summary>
    private static readonly int[] LaneOrder = [0, 1, -1, 2, -2, 3, -3];

    private static readonly PurdueLevel[] TopDown =
        [PurdueLevel.Enterprise, PurdueLevel.Business, PurdueLevel.Dmz, PurdueLevel.Operations, PurdueLevel.Supervisory, PurdueLevel.BasicControl, PurdueLevel.Process];

    public static string Render(Workspace workspace, IReadOnlyList<ZoneLevels> levels, IReadOnlyList<Finding> findings, string? site = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(findings);

        var model = Model.Build(workspace, levels, findings, site);
        var layout = Layout.Build(model);
        var svg = new StringBuilder(4096 + (model.Zones.Count * 1500) + (model.Conduits.Count * 600));
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{layout.Width:F0}\" height=\"{layout.Height:F0}\" viewBox=\"0 0 {layout.Width:F0} {layout.Height:F0}\" font-family=\"system-ui, 'Segoe UI', Roboto, Arial, sans-serif\" role=\"img\" aria-label=\"Zone and conduit diagram\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{layout.Width:F0}\" height=\"{layout.Height:F0}\" fill=\"#ffffff\"/>\n");
        WriteHeader(svg, workspace, model, site);
        WriteBands(svg, layout);

        // Conduits with findings last, so no other line hides them; above LabelLimit conduits, labels would bury the drawing.
        var dense = model.Conduits.Count > LabelLimit;
        foreach (var route in layout.Routes.Where(r => model.IssuesOf(r.Conduit).Count == 0).Concat(layout.Routes.Where(r => model.IssuesOf(r.Conduit).Count > 0)))
        {
            WriteConduit(svg, model, route, dense);
        }

        foreach (var node in layout.Nodes)
        {
            if (node.Zone is { } zone)
            {
                WriteZone(svg, model, zone, node);
            }
            else
            {
                WriteExternal(svg, node);
            }
        }

        WriteLegend(svg, layout, dense);
        return svg.Append("</svg>\n").ToString();
    }

    private static void WriteHeader(StringBuilder svg, Workspace workspace, Model model, string? site)
    {
        var title = site is null ? $"Zones and conduits: {workspace.Organisation}" : $"Zones and conduits: {workspace.Organisation}, site {site}";
        var belowTarget = model.Zones.Count(z => model.HasGap(z.Id));
        var flagged = model.Zones.Count(z => model.IssuesOf(z).Count > 0) + model.Conduits.Count(c => model.IssuesOf(c).Count > 0);
        var summary = $"{Plural(model.Zones.Count, "zone")} · {Plural(model.Conduits.Count, "conduit")} · {Plural(belowTarget, "zone")} below SL-T · {Plural(flagged, "object")} with errors or warnings";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin:F0}\" y=\"28\" font-size=\"18\" font-weight=\"700\" fill=\"{Ink}\">{Escape(title)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin:F0}\" y=\"48\" font-size=\"12\" fill=\"{Muted}\">{Escape(summary)}</text>\n");
    }

    private static void WriteBands(StringBuilder svg, Layout layout)
    {
        var right = layout.Width - Margin;
        foreach (var band in layout.Bands)
        {
            var (fill, labelFill) = BandColours(band.Level);
            svg.Append(CultureInfo.InvariantCulture, $"<g id=\"band-{band.Level.ToWire()}\"><rect x=\"{Margin:F1}\" y=\"{band.Top:F1}\" width=\"{right - Margin:F1}\" height=\"{band.Height:F1}\" fill=\"{fill}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Margin:F1}\" y=\"{band.Top:F1}\" width=\"{LabelColumn - 8:F1}\" height=\"{band.Height:F1}\" fill=\"{labelFill}\"/>");
            var y = band.Top + Math.Min(band.Height / 2, 46);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + 12:F1}\" y=\"{y - 3:F1}\" font-size=\"13\" font-weight=\"700\" fill=\"{Ink}\">Level {band.Level.ToWire()}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + 12:F1}\" y=\"{y + 12:F1}\" font-size=\"11\" fill=\"{Muted}\">{BandName(band.Level)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin:F1}\" y1=\"{band.Top + band.Height:F1}\" x2=\"{right:F1}\" y2=\"{band.Top + band.Height:F1}\" stroke=\"#ffffff\" stroke-width=\"2\"/></g>\n");
        }

        foreach (var column in layout.Sites)
        {
            if (layout.Sites.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{column.X + 6:F1}\" y=\"{column.HeaderY:F1}\" font-size=\"14\" font-weight=\"700\" fill=\"{Ink}\">Site: {Escape(Truncate(column.Name, (column.Width - 60) / 8.4))}</text>\n");
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{column.X - (SiteGap / 2):F1}\" y1=\"{column.HeaderY - 16:F1}\" x2=\"{column.X - (SiteGap / 2):F1}\" y2=\"{layout.BandsBottom:F1}\" stroke=\"#90a4ae\" stroke-width=\"1\" stroke-dasharray=\"2 4\"/>\n");
            }
        }

        if (layout.ExternalsBottom is { } bottom)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + 12:F1}\" y=\"{bottom - (ExternalHeight / 2) + 4:F1}\" font-size=\"12\" font-weight=\"700\" fill=\"{Muted}\">External networks</text>\n");
        }
    }

    private static void WriteZone(StringBuilder svg, Model model, Zone zone, Node node)
    {
        var issues = model.IssuesOf(zone);
        var levels = model.LevelsOf(zone.Id);
        var assets = model.AssetCount(zone.Id);
        var target = levels?.Slt ?? zone.Slt;
        var tooltip = new StringBuilder();
        tooltip.Append(CultureInfo.InvariantCulture, $"Zone {zone.Name} ({zone.Id})\nPurdue level {zone.Purdue.ToWire()} · {Plural(assets, "asset")}");
        tooltip.Append(zone.Safety ? " · safety (SIS)" : "").Append(zone.Criticality is { } c ? $" · criticality {c}" : "");
        tooltip.Append(CultureInfo.InvariantCulture, $"\nSL-T {target?.ToString() ?? "not set"}\nSL-A {levels?.Sla.ToString() ?? "not computed"}");
        if (levels?.Gap is { } gap && gap.Max > 0)
        {
            tooltip.Append(CultureInfo.InvariantCulture, $"\nGap  {gap}");
        }

        AppendIssues(tooltip, issues);
        var stroke = issues.Count > 0 ? $"stroke=\"{Red}\" stroke-width=\"3\"" : $"stroke=\"{Muted}\" stroke-width=\"1.2\"";
        svg.Append(CultureInfo.InvariantCulture, $"<g id=\"zone-{Escape(zone.Id)}\" transform=\"translate({node.X:F1},{node.Y:F1})\"><title>{Escape(tooltip.ToString())}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{BoxWidth:F0}\" height=\"{BoxHeight:F0}\" rx=\"9\" fill=\"{(zone.Safety ? "#fff8e1" : "#ffffff")}\" {stroke}/>");
        if (zone.Safety)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"3\" y=\"3\" width=\"{BoxWidth - 6:F0}\" height=\"{BoxHeight - 6:F0}\" rx=\"7\" fill=\"none\" stroke=\"#f9a825\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"21\" font-size=\"13\" font-weight=\"700\" fill=\"{Ink}\">{Escape(Truncate(zone.Name, issues.Count > 0 ? 22 : 25))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"37\" font-size=\"10.5\" font-family=\"ui-monospace, Menlo, Consolas, monospace\" fill=\"{Muted}\">{Escape(Truncate(zone.Id, 30))}</text>");
        var facts = $"L{zone.Purdue.ToWire()} · {Plural(assets, "asset")}{(zone.Criticality is { } crit ? " · " + crit : "")}";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"55\" font-size=\"11\" fill=\"{Ink}\">{Escape(Truncate(facts, zone.Safety ? 24 : 32))}</text>");
        if (zone.Safety)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{BoxWidth - 58:F0}\" y=\"44\" width=\"48\" height=\"15\" rx=\"3\" fill=\"#f9a825\"/><text x=\"{BoxWidth - 34:F0}\" y=\"55\" font-size=\"9.5\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#3e2723\">SAFETY</text>");
        }

        var gapColour = levels is null || target is null ? "#90a4ae" : model.HasGap(zone.Id) ? Red : "#2e7d32";
        Badge(svg, 12, "SL-T", target is { } slt ? Digits(slt) : "—", "#37474f");
        Badge(svg, 12 + ((BoxWidth - 24) / 2) + 2, "SL-A", levels is null ? "—" : Digits(levels.Sla), gapColour);
        if (issues.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{BoxWidth - 14:F0}\" cy=\"16\" r=\"10\" fill=\"{Red}\"/><text x=\"{BoxWidth - 14:F0}\" y=\"20\" font-size=\"11\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#ffffff\">{Math.Min(issues.Count, 99)}</text>");
        }

        svg.Append("</g>\n");
    }

    private static void Badge(StringBuilder svg, double x, string label, string value, string fill)
    {
        var width = (BoxWidth - 24) / 2 - 2;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"68\" width=\"{width:F1}\" height=\"20\" rx=\"4\" fill=\"{fill}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 6:F1}\" y=\"82\" font-size=\"9.5\" font-weight=\"700\" fill=\"#ffffff\">{label}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + width - 6:F1}\" y=\"82\" font-size=\"11\" font-family=\"ui-monospace, Menlo, Consolas, monospace\" text-anchor=\"end\" fill=\"#ffffff\">{value}</text>");
    }

    private static void WriteExternal(StringBuilder svg, Node node)
    {
        var name = node.Key[Conduit.ExternalPrefix.Length..];
        var rx = node.Width / 2;
        svg.Append(CultureInfo.InvariantCulture, $"<g id=\"external-{Escape(name)}\"><title>External network {Escape(name)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<ellipse cx=\"{node.X + rx:F1}\" cy=\"{node.Y + (node.Height / 2):F1}\" rx=\"{rx:F1}\" ry=\"{node.Height / 2:F1}\" fill=\"#eceff1\" stroke=\"#78909c\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{node.X + rx:F1}\" y=\"{node.Y + (node.Height / 2) + 4:F1}\" font-size=\"12\" font-weight=\"600\" text-anchor=\"middle\" fill=\"{Ink}\">{Escape(Truncate(name, (node.Width - 24) / 7.2))}</text></g>\n");
    }

    private static void WriteConduit(StringBuilder svg, Model model, Route route, bool dense)
    {
        var conduit = route.Conduit;
        var issues = model.IssuesOf(conduit);
        var tooltip = new StringBuilder();
        tooltip.Append(CultureInfo.InvariantCulture, $"Conduit {conduit.Name} ({conduit.Id})\n{conduit.From} ↔ {conduit.To}");
        foreach (var channel in conduit.Channels)
        {
            tooltip.Append(CultureInfo.InvariantCulture, $"\n{channel.Protocol}{(channel.Port is { } port ? "/" + port.ToString(CultureInfo.InvariantCulture) : "")} ({channel.Direction})");
        }

        tooltip.Append(CultureInfo.InvariantCulture, $"\nSL-T {conduit.Slt?.ToString() ?? "not set"}");
        if (conduit.RemoteAccess)
        {
            tooltip.Append(conduit.Approval is { } approval ? $"\nRemote access, approved by {approval.By}" : "\nRemote access, no approval recorded");
        }

        AppendIssues(tooltip, issues);
        var points = string.Join(' ', route.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}")));
        var colour = issues.Count > 0 ? Red : Line;
        var width = issues.Count > 0 ? 2.5 : dense ? 1.2 : 1.5;
        var opacity = issues.Count == 0 && dense ? " stroke-opacity=\"0.55\"" : "";
        var dash = conduit.RemoteAccess ? " stroke-dasharray=\"7 4\"" : "";
        svg.Append(CultureInfo.InvariantCulture, $"<g id=\"conduit-{Escape(conduit.Id)}\"><title>{Escape(tooltip.ToString())}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"#ffffff\" stroke-opacity=\"0.01\" stroke-width=\"9\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width:F1}\" stroke-linejoin=\"round\"{dash}{opacity}/>");
        if (!dense)
        {
            WriteConduitLabel(svg, route, colour);
        }

        svg.Append("</g>\n");
    }

    private static void WriteConduitLabel(StringBuilder svg, Route route, string colour)
    {
        if (route.Label is not { } label)
        {
            return;
        }

        var (id, protocols) = LabelText(route.Conduit);
        const string Halo = "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{label.X:F1}\" y=\"{label.IdY:F1}\" font-size=\"10\" font-weight=\"600\" text-anchor=\"{label.Anchor}\" fill=\"{colour}\" {Halo}>{Escape(id)}</text>");
        if (protocols.Length > 0 && label.ProtocolsY is { } protocolsY)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{label.X:F1}\" y=\"{protocolsY:F1}\" font-size=\"9\" text-anchor=\"{label.Anchor}\" fill=\"{Muted}\" {Halo}>{Escape(protocols)}</text>");
        }
    }

    /// <summary>A conduit's label: its id, and the protocols it carries.</summary>
    private static (string Id, string Protocols) LabelText(Conduit conduit) =>
        (Truncate(conduit.Id, 28), Truncate(string.Join(", ", conduit.Channels.Select(c => c.Protocol).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), 30));

    private static void WriteLegend(StringBuilder svg, Layout layout, bool labelsOmitted)
    {
        var y = layout.BandsBottom + 30;
        svg.Append(CultureInfo.InvariantCulture, $"<g id=\"legend\"><text x=\"{Margin:F0}\" y=\"{y:F1}\" font-size=\"12\" font-weight=\"700\" fill=\"{Ink}\">Legend</text>");
        var x = Margin + 64;
        void Item(string symbol, string text, double symbolWidth)
        {
            if (x + symbolWidth + (text.Length * 6.4) > layout.Width - Margin)
            {
                x = Margin + 64;
                y += 26;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({x:F1},{y - 12:F1})\">{symbol}<text x=\"{symbolWidth + 6:F1}\" y=\"12\" font-size=\"11\" fill=\"{Ink}\">{Escape(text)}</text></g>");
            x += symbolWidth + 18 + (text.Length * 6.2);
        }

        Item($"<rect width=\"26\" height=\"16\" rx=\"4\" fill=\"#ffffff\" stroke=\"{Muted}\"/>", "zone", 26);
        Item("<rect width=\"26\" height=\"16\" rx=\"4\" fill=\"#fff8e1\" stroke=\"#f9a825\" stroke-dasharray=\"4 2\"/>", "safety zone (SIS)", 26);
        Item("<rect width=\"34\" height=\"16\" rx=\"3\" fill=\"#37474f\"/>", "SL-T per FR 1–7 (IAC UC SI DC RDF TRE RA)", 34);
        Item("<rect width=\"34\" height=\"16\" rx=\"3\" fill=\"#2e7d32\"/>", "SL-A meets SL-T", 34);
        Item($"<rect width=\"34\" height=\"16\" rx=\"3\" fill=\"{Red}\"/>", "SL-A below SL-T on some FR", 34);
        Item($"<line x1=\"0\" y1=\"8\" x2=\"34\" y2=\"8\" stroke=\"{Line}\" stroke-width=\"1.5\"/>", "conduit", 34);
        Item($"<line x1=\"0\" y1=\"8\" x2=\"34\" y2=\"8\" stroke=\"{Line}\" stroke-width=\"1.5\" stroke-dasharray=\"7 4\"/>", "remote access", 34);
        Item($"<rect width=\"26\" height=\"16\" rx=\"4\" fill=\"#ffffff\" stroke=\"{Red}\" stroke-width=\"2.5\"/>", "error or warning findings (hover for details)", 26);
        Item("<ellipse cx=\"17\" cy=\"8\" rx=\"17\" ry=\"8\" fill=\"#eceff1\" stroke=\"#78909c\" stroke-dasharray=\"3 2\"/>", "external network", 34);
        if (labelsOmitted)
        {
            Item("", $"conduit labels omitted above {LabelLimit:F0} conduits: hover a line", 0);
        }

        svg.Append("</g>\n");
    }

    private static void AppendIssues(StringBuilder tooltip, IReadOnlyList<Finding> issues)
    {
        foreach (var finding in issues)
        {
            tooltip.Append(CultureInfo.InvariantCulture, $"\n{finding.Severity.ToWire()} {finding.Rule}: {finding.Message}");
        }
    }

    private static string Digits(SlVector vector) => string.Concat(vector.Levels.Select(l => (char)('0' + l)));

    private static string Plural(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string BandName(PurdueLevel level) => level switch
    {
        PurdueLevel.Enterprise => "Enterprise",
        PurdueLevel.Business => "Business (site IT)",
        PurdueLevel.Dmz => "Industrial DMZ",
        PurdueLevel.Operations => "Operations",
        PurdueLevel.Supervisory => "Supervisory",
        PurdueLevel.BasicControl => "Control",
        PurdueLevel.Process => "Field / process",
    };

    private static (string Band, string Label) BandColours(PurdueLevel level) => level switch
    {
        PurdueLevel.Enterprise => ("#eaf2fb", "#d6e6f7"),
        PurdueLevel.Business => ("#f1f6fc", "#e0ecf9"),
        PurdueLevel.Dmz => ("#fdf3e4", "#f9e2bf"),
        PurdueLevel.Operations => ("#eef6ee", "#dcefdc"),
        PurdueLevel.Supervisory => ("#f4f9f3", "#e4f2e3"),
        PurdueLevel.BasicControl => ("#eef6ee", "#dcefdc"),
        PurdueLevel.Process => ("#f4f9f3", "#e4f2e3"),
    };

    /// <summary>Text for an XML text node or attribute: characters XML 1.0 cannot hold become spaces, markup is escaped.</summary>
    internal static string Escape(string text)
    {
        var clean = text.Any(c => (c < ' ' && c is not ('\n' or '\t')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            ? new string([.. text.Select((c, i) => (c < ' ' && c is not ('\n' or '\t')) || c is '\uFFFE' or '\uFFFF' || !IsPairedSurrogate(text, i) ? ' ' : c)])
            : text;
        return SecurityElement.Escape(clean) ?? "";
    }

    private static bool IsPairedSurrogate(string text, int i) => !char.IsSurrogate(text[i])
        || (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        || (char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]));

    internal static string Truncate(string text, double maxChars)
    {
        var max = Math.Max(2, (int)maxChars);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>What is drawn: the zones of the site (or all), the conduits between them, their levels and findings.</summary>
    private sealed class Model
    {
        private readonly Dictionary<string, ZoneLevels> _levels = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _assets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Finding>> _issues = new(StringComparer.Ordinal);

        public List<Zone> Zones { get; } = [];

        public Dictionary<string, Zone> ZoneById { get; } = new(StringComparer.Ordinal);

        public List<Conduit> Conduits { get; } = [];

        /// <summary>Site ids in id order, with the site's name for the column header.</summary>
        public List<(string Id, string Name)> Sites { get; } = [];

        public static Model Build(Workspace workspace, IReadOnlyList<ZoneLevels> levels, IReadOnlyList<Finding> findings, string? site)
        {
            var model = new Model();
            foreach (var zone in workspace.Zones.Where(z => site is null || z.Site == site).OrderBy(z => z.Id, StringComparer.Ordinal))
            {
                if (model.ZoneById.TryAdd(zone.Id, zone))
                {
                    model.Zones.Add(zone);
                }
            }

            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var known in workspace.Sites)
            {
                names.TryAdd(known.Id, known.Name);
            }

            foreach (var id in model.Zones.Select(z => z.Site).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                model.Sites.Add((id, names.GetValueOrDefault(id, id)));
            }

            bool Drawable(string end) => end.StartsWith(Conduit.ExternalPrefix, StringComparison.Ordinal)
                ? end.Length > Conduit.ExternalPrefix.Length
                : model.ZoneById.ContainsKey(end);
            model.Conduits.AddRange(workspace.Conduits
                .Where(c => c.From != c.To && Drawable(c.From) && Drawable(c.To) && c.Zones.Any())
                .OrderBy(c => c.Id, StringComparer.Ordinal)
                .DistinctBy(c => c.Id, StringComparer.Ordinal));

            foreach (var level in levels)
            {
                model._levels.TryAdd(level.Zone, level);
            }

            var assetZone = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var asset in workspace.Assets)
            {
                if (asset.Zone is { } zone && assetZone.TryAdd(asset.Id, zone))
                {
                    model._assets[zone] = model._assets.GetValueOrDefault(zone) + 1;
                }
            }

            // A finding about an asset is shown on the asset's zone: the drawing has no asset nodes.
            var serious = findings.Where(f => f.Severity >= Severity.Warning)
                .OrderByDescending(f => f.Severity).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal);
            foreach (var finding in serious)
            {
                foreach (var target in finding.Objects)
                {
                    var key = target.StartsWith("asset:", StringComparison.Ordinal) && assetZone.TryGetValue(target[6..], out var zone) ? "zone:" + zone : target;
                    if (!model._issues.TryGetValue(key, out var list))
                    {
                        model._issues[key] = list = [];
                    }

                    if (list.Count == 0 || !ReferenceEquals(list[^1], finding))
                    {
                        list.Add(finding);
                    }
                }
            }

            return model;
        }

        public IReadOnlyList<Finding> IssuesOf(Zone zone) => _issues.GetValueOrDefault("zone:" + zone.Id) ?? [];

        public IReadOnlyList<Finding> IssuesOf(Conduit conduit) => _issues.GetValueOrDefault("conduit:" + conduit.Id) ?? [];

        public ZoneLevels? LevelsOf(string zone) => _levels.GetValueOrDefault(zone);

        public int AssetCount(string zone) => _assets.GetValueOrDefault(zone);

        public bool HasGap(string zone) => LevelsOf(zone)?.Gap is { } gap && gap.Max > 0;
    }

    private enum Edge
    {
        Top,
        Bottom,
        Left,
        Right,
    }

    /// <summary>A box on the canvas: a zone, or an external network (Row −1, above the bands).</summary>
    private sealed class Node(string key, Zone? zone)
    {
        public string Key { get; } = key;

        public Zone? Zone { get; } = zone;

        public double X { get; set; }

        public double Y { get; set; }

        public double Width { get; set; } = BoxWidth;

        public double Height { get; set; } = BoxHeight;

        public int Row { get; set; } = -1;

        public int Site { get; set; } = -1;

        public int Slot { get; set; }

        public double CenterX => X + (Width / 2);

        /// <summary>Conduit ends on each edge: the other end's position (to order ports and avoid crossings), conduit, which end.</summary>
        public List<(double Other, int Conduit, bool Upper)>[] Ports { get; } = [[], [], [], []];
    }

    private sealed record Band(PurdueLevel Level, double Top, double Height);

    private sealed record SiteColumn(string Name, double X, double Width, double HeaderY);

    /// <summary>A conduit's path: orthogonal segments through the gutters between rows and the channels between columns.</summary>
    private sealed record Route(Conduit Conduit, IReadOnlyList<(double X, double Y)> Points, bool LabelLeft)
    {
        public ConduitLabel? Label { get; init; }
    }

    /// <summary>Where a conduit's id and, under it, its protocols are written.</summary>
    private sealed record ConduitLabel(double X, double IdY, double? ProtocolsY, string Anchor);

    /// <summary>How a conduit runs: edge to edge, over the row, across one gutter, down a free slot column, or down a channel.</summary>
    private enum RouteKind
    {
        Side,
        Over,
        Adjacent,
        IntoLower,
        FromUpper,
        Channel,
    }

    /// <summary>
    /// Positions: a column per site, a band per Purdue level, zones on a slot grid (so the channels between slot columns
    /// are free of boxes in every row), wrapped column-first in order of their neighbours' positions above.
    /// </summary>
    private sealed class Layout
    {
        public List<Node> Nodes { get; } = [];

        public List<Band> Bands { get; } = [];

        public List<SiteColumn> Sites { get; } = [];

        public List<Route> Routes { get; } = [];

        public double Width { get; private set; }

        public double Height { get; private set; }

        public double BandsBottom { get; private set; }

        public double? ExternalsBottom { get; private set; }

        private readonly List<double> _rowTops = [];
        private double[] _siteX = [];
        private int[] _columns = [];

        public static Layout Build(Model model)
        {
            var layout = new Layout();
            var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
            var siteIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var s = 0; s < model.Sites.Count; s++)
            {
                siteIndex[model.Sites[s].Id] = s;
            }

            var groups = new List<Zone>[model.Sites.Count, TopDown.Length];
            foreach (var zone in model.Zones)
            {
                var b = Array.IndexOf(TopDown, zone.Purdue);
                (groups[siteIndex[zone.Site], b] ??= []).Add(zone);
            }

            layout.PlaceSites(model, groups);
            var top = HeaderHeight + (model.Sites.Count > 1 ? SiteHeader : 0);
            var externals = model.Conduits.SelectMany(c => new[] { c.From, c.To })
                .Where(e => e.StartsWith(Conduit.ExternalPrefix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            if (externals.Count > 0)
            {
                layout.ExternalsBottom = top + 8 + ExternalHeight;
                top = layout.ExternalsBottom.Value + (GapY / 2);
            }

            var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var conduit in model.Conduits)
            {
                (neighbours.TryGetValue(conduit.From, out var a) ? a : neighbours[conduit.From] = []).Add(conduit.To);
                (neighbours.TryGetValue(conduit.To, out var b) ? b : neighbours[conduit.To] = []).Add(conduit.From);
            }

            for (var b = 0; b < TopDown.Length; b++)
            {
                var rows = 0;
                for (var s = 0; s < model.Sites.Count; s++)
                {
                    rows = Math.Max(rows, RowsFor(groups[s, b]?.Count ?? 0, layout._columns[s]));
                }

                var height = rows == 0 ? EmptyBand : rows * (BoxHeight + GapY);
                var firstRow = layout._rowTops.Count;
                for (var r = 0; r < rows; r++)
                {
                    layout._rowTops.Add(top + (GapY / 2) + (r * (BoxHeight + GapY)));
                }

                for (var s = 0; s < model.Sites.Count; s++)
                {
                    layout.PlaceBand(groups[s, b] ?? [], s, firstRow, neighbours, nodes);
                }

                layout.Bands.Add(new Band(TopDown[b], top, height));
                top += height;
            }

            layout.BandsBottom = top;
            layout.PlaceExternals(externals, neighbours, nodes);
            var right = Math.Max(layout._siteX.Length == 0 ? 0 : layout._siteX[^1] + (layout._columns[^1] * Pitch), layout.Nodes.Count == 0 ? 0 : layout.Nodes.Max(n => n.X + n.Width));
            layout.Width = Math.Ceiling(Math.Max(980, right + Margin + 8));
            layout.Height = Math.Ceiling(top + 100);
            layout.RouteConduits(model, nodes, model.Conduits.Count > LabelLimit);
            return layout;
        }

        private static int RowsFor(int count, int columns) => count == 0 ? 0 : (count + columns - 1) / columns;

        /// <summary>Slot columns per site: the widest band, made odd when that centres single zones; wide bands wrap.</summary>
        private void PlaceSites(Model model, List<Zone>[,] groups)
        {
            _columns = new int[model.Sites.Count];
            _siteX = new double[model.Sites.Count];
            var x = Margin + LabelColumn;
            for (var s = 0; s < model.Sites.Count; s++)
            {
                var counts = Enumerable.Range(0, TopDown.Length).Select(b => groups[s, b]?.Count ?? 0).ToArray();
                var widest = counts.Max();
                var columns = widest <= 6 ? widest : Math.Clamp((int)Math.Ceiling(Math.Sqrt(widest * 3.0)), 6, 12);
                if (widest <= 6 && columns % 2 == 0 && counts.Any(c => c % 2 == 1))
                {
                    columns++;
                }

                _columns[s] = Math.Max(1, columns);
                _siteX[s] = x;
                Sites.Add(new SiteColumn(model.Sites[s].Name, x, _columns[s] * Pitch, HeaderHeight + 20));
                x += (_columns[s] * Pitch) + SiteGap;
            }
        }

        private void PlaceBand(List<Zone> zones, int site, int firstRow, Dictionary<string, List<string>> neighbours, Dictionary<string, Node> nodes)
        {
            if (zones.Count == 0)
            {
                return;
            }

            // Barycentre ordering: a zone goes under the zones it connects to; zones without placed neighbours keep id order.
            double Pull(Zone zone)
            {
                var (sum, count) = (0.0, 0);
                foreach (var other in neighbours.GetValueOrDefault(zone.Id) ?? [])
                {
                    if (nodes.TryGetValue(other, out var node))
                    {
                        (sum, count) = (sum + node.CenterX, count + 1);
                    }
                }

                return count == 0 ? double.MaxValue : sum / count;
            }

            var ordered = zones.Select((z, i) => (Zone: z, Pull: Pull(z), Index: i)).OrderBy(z => z.Pull).ThenBy(z => z.Index).ToList();
            var columns = _columns[site];
            var rows = RowsFor(zones.Count, columns);
            var used = (zones.Count + rows - 1) / rows;
            for (var i = 0; i < ordered.Count; i++)
            {
                var (column, row) = (i / rows, i % rows);
                var slot = ((2 * column) + 1) * columns / (2 * used);
                var node = new Node(ordered[i].Zone.Id, ordered[i].Zone)
                {
                    X = _siteX[site] + (slot * Pitch) + (GapX / 2),
                    Y = _rowTops[firstRow + row],
                    Row = firstRow + row,
                    Site = site,
                    Slot = slot,
                };
                nodes[node.Key] = node;
                Nodes.Add(node);
            }
        }

        private void PlaceExternals(List<string> externals, Dictionary<string, List<string>> neighbours, Dictionary<string, Node> nodes)
        {
            var left = Margin + LabelColumn;
            var wanted = externals.Select(e =>
            {
                var xs = (neighbours.GetValueOrDefault(e) ?? []).Where(nodes.ContainsKey).Select(z => nodes[z].CenterX).ToList();
                var width = Math.Clamp((e.Length - Conduit.ExternalPrefix.Length) * 7.4 + 36, 110, 240);
                return (Key: e, Width: width, Centre: xs.Count == 0 ? left : xs.Average());
            }).OrderBy(e => e.Centre).ThenBy(e => e.Key, StringComparer.Ordinal);
            foreach (var (key, width, centre) in wanted)
            {
                var x = Math.Max(centre - (width / 2), left);
                var node = new Node(key, null) { X = x, Y = ExternalsBottom!.Value - ExternalHeight, Width = width, Height = ExternalHeight };
                nodes[key] = node;
                Nodes.Add(node);
                left = x + width + 20;
            }
        }

        private void RouteConduits(Model model, Dictionary<string, Node> nodes, bool dense)
        {
            var occupied = Nodes.Where(n => n.Zone is not null).Select(n => (n.Row, n.Site, n.Slot)).ToHashSet();
            bool FreeColumn(int site, int slot, int fromRow, int toRow)
            {
                for (var row = fromRow + 1; row < toRow; row++)
                {
                    if (occupied.Contains((row, site, slot)))
                    {
                        return false;
                    }
                }

                return true;
            }

            var plans = new (Node Upper, Node Lower, RouteKind Kind, double Channel)[model.Conduits.Count];
            for (var i = 0; i < model.Conduits.Count; i++)
            {
                var (a, b) = (nodes[model.Conduits[i].From], nodes[model.Conduits[i].To]);
                var (upper, lower) = a.Row < b.Row || (a.Row == b.Row && a.X <= b.X) ? (a, b) : (b, a);
                var between = lower.Slot - upper.Slot - 1;
                var (kind, channel) = (RouteKind.Channel, double.NaN);
                if (upper.Row == lower.Row)
                {
                    // Straight from edge to edge when nothing is between and (unless labels are off) the label has room.
                    kind = upper.Site == lower.Site && between >= (dense ? 0 : 1) && Enumerable.Range(upper.Slot + 1, between).All(slot => !occupied.Contains((upper.Row, upper.Site, slot)))
                        ? RouteKind.Side : RouteKind.Over;
                }
                else if (lower.Row == upper.Row + 1)
                {
                    kind = RouteKind.Adjacent;
                }
                else if (FreeColumn(lower.Site, lower.Slot, upper.Row, lower.Row))
                {
                    kind = RouteKind.IntoLower;
                }
                else if (upper.Site >= 0 && FreeColumn(upper.Site, upper.Slot, upper.Row, lower.Row))
                {
                    kind = RouteKind.FromUpper;
                }
                else
                {
                    channel = Channel(upper, lower, (upper.CenterX + lower.CenterX) / 2);
                }

                plans[i] = (upper, lower, kind, channel);
                if (kind == RouteKind.Side)
                {
                    upper.Ports[(int)Edge.Right].Add((lower.CenterX, i, true));
                    lower.Ports[(int)Edge.Left].Add((upper.CenterX, i, false));
                }
                else
                {
                    // Ports are ordered by where the line heads next (the other box, or the channel it runs down) so lines do not cross at the box.
                    var channelled = kind == RouteKind.Channel;
                    upper.Ports[(int)(upper.Row < lower.Row ? Edge.Bottom : Edge.Top)].Add((channelled ? channel : lower.CenterX, i, true));
                    lower.Ports[(int)Edge.Top].Add((channelled ? channel : upper.CenterX, i, false));
                }
            }

            var (upperPort, lowerPort) = AssignPorts(model);
            var gutterUse = new Dictionary<int, int>();
            var channelUse = new Dictionary<int, int>();
            double Lane(Dictionary<int, int> use, int key, double spacing)
            {
                var n = use.GetValueOrDefault(key);
                use[key] = n + 1;
                return LaneOrder[n % LaneOrder.Length] * spacing;
            }

            for (var i = 0; i < model.Conduits.Count; i++)
            {
                var (upper, lower, kind, channel) = plans[i];
                var (u, l) = (upperPort[i], lowerPort[i]);
                var below = upper.Y + upper.Height + (GapY / 2);
                var above = lower.Y - (GapY / 2);
                IReadOnlyList<(double X, double Y)> points = kind switch
                {
                    RouteKind.Side when Math.Abs(u.Y - l.Y) < 0.5 => [u, l],
                    RouteKind.Side => [u, ((u.X + l.X) / 2, u.Y), ((u.X + l.X) / 2, l.Y), l],
                    RouteKind.Over => Via(u, l, _rowTops[upper.Row] - (GapY / 2) + Lane(gutterUse, upper.Row - 1, 8)),
                    RouteKind.Adjacent => Via(u, l, ((upper.Y + upper.Height + lower.Y) / 2) + Lane(gutterUse, upper.Row, 8)),
                    RouteKind.IntoLower => Via(u, l, below + Lane(gutterUse, upper.Row, 8)),
                    RouteKind.FromUpper => Via(u, l, above + Lane(gutterUse, lower.Row - 1, 8)),
                    RouteKind.Channel => ViaChannel(u, l, below + Lane(gutterUse, upper.Row, 8), above + Lane(gutterUse, lower.Row - 1, 8),
                        channel + Lane(channelUse, (int)Math.Round(channel), 6)),
                };
                Routes.Add(new Route(model.Conduits[i], points, u.X < upper.CenterX - 1));
            }

            if (!dense)
            {
                PlaceLabels();
            }
        }

        private static IReadOnlyList<(double X, double Y)> Via((double X, double Y) u, (double X, double Y) l, double y) =>
            Math.Abs(u.X - l.X) < 0.5 ? [u, l] : [u, (u.X, y), (l.X, y), l];

        private static IReadOnlyList<(double X, double Y)> ViaChannel((double X, double Y) u, (double X, double Y) l, double y1, double y2, double x) =>
            [u, (u.X, y1), (x, y1), (x, y2), (l.X, y2), l];

        /// <summary>Spreads each edge's conduit ends evenly along it, ordered by where each line goes.</summary>
        private ((double X, double Y)[] Upper, (double X, double Y)[] Lower) AssignPorts(Model model)
        {
            var upperPort = new (double X, double Y)[model.Conduits.Count];
            var lowerPort = new (double X, double Y)[model.Conduits.Count];
            foreach (var node in Nodes)
            {
                for (var e = 0; e < 4; e++)
                {
                    var ports = node.Ports[e];
                    ports.Sort((p, q) => p.Other != q.Other ? p.Other.CompareTo(q.Other) : string.CompareOrdinal(model.Conduits[p.Conduit].Id, model.Conduits[q.Conduit].Id));
                    for (var k = 0; k < ports.Count; k++)
                    {
                        var along = (k + 1.0) / (ports.Count + 1);
                        var width = node.Zone is null ? node.Width * 0.5 : node.Width;
                        var point = (Edge)e switch
                        {
                            Edge.Top => (node.CenterX - (width / 2) + (along * width), node.Y),
                            Edge.Bottom => (node.CenterX - (width / 2) + (along * width), node.Y + node.Height),
                            Edge.Left => (node.X, node.Y + (along * node.Height)),
                            Edge.Right => (node.X + node.Width, node.Y + (along * node.Height)),
                        };
                        (ports[k].Upper ? upperPort : lowerPort)[ports[k].Conduit] = point;
                    }
                }
            }

            return (upperPort, lowerPort);
        }

        /// <summary>
        /// Each label goes to the first spot along its line that overlaps no box and no earlier label: the long horizontal
        /// runs first, then beside the vertical runs. Only used up to <see cref="LabelLimit"/> conduits, so the pairwise
        /// check stays small.
        /// </summary>
        private void PlaceLabels()
        {
            var taken = Nodes.Select(n => (n.X, n.Y, n.Width, n.Height)).ToList();
            var (left, right) = (Margin + LabelColumn, Width - Margin);
            for (var r = 0; r < Routes.Count; r++)
            {
                var route = Routes[r];
                var (id, protocols) = LabelText(route.Conduit);
                var candidates = LabelCandidates(route, id.Length * 6.2, Math.Max(id.Length * 6.2, protocols.Length * 5.3))
                    .Where(c => c.Box.X >= left && c.Box.X + c.Box.Width <= right).OrderByDescending(c => c.Rank).ToList();
                if (candidates.Count > 0)
                {
                    var chosen = candidates.FirstOrDefault(c => !taken.Any(t => Overlaps(t, c.Box)), candidates[0]);
                    taken.Add(chosen.Box);
                    Routes[r] = route with { Label = chosen.Label };
                }
            }
        }

        /// <summary>Spots along a route: across the long horizontal runs, then beside the vertical runs, with protocols when they fit.</summary>
        private static IEnumerable<(ConduitLabel Label, (double X, double Y, double Width, double Height) Box, double Rank)> LabelCandidates(Route route, double idWidth, double fullWidth)
        {
            for (var i = 1; i < route.Points.Count; i++)
            {
                var (a, b) = (route.Points[i - 1], route.Points[i]);
                var length = Math.Abs(a.X - b.X) + Math.Abs(a.Y - b.Y);
                foreach (var (withProtocols, width) in new[] { (true, fullWidth + 4), (false, idWidth + 4) })
                {
                    var rank = (withProtocols ? 1000 : 0) + length;
                    if (Math.Abs(a.Y - b.Y) < 0.5 && length >= 40)
                    {
                        var mid = (a.X + b.X) / 2;
                        yield return (new(mid, a.Y - 5, withProtocols ? a.Y + 11 : null, "middle"), (mid - (width / 2), a.Y - 13, width, withProtocols ? 26 : 11), rank + (length >= width + 10 ? 500 : 0));
                    }
                    else if (Math.Abs(a.X - b.X) < 0.5 && length >= 30)
                    {
                        foreach (var along in new[] { 0.5, 0.3, 0.7 })
                        {
                            var y = a.Y + ((b.Y - a.Y) * along);
                            var height = withProtocols ? 26 : 14;
                            var preferred = along == 0.5 ? 2 : 0;
                            yield return (new(a.X + 6, y - 2, withProtocols ? y + 9 : null, "start"), (a.X + 4, y - 13, width, height), rank + preferred + (route.LabelLeft ? 0 : 1));
                            yield return (new(a.X - 6, y - 2, withProtocols ? y + 9 : null, "end"), (a.X - 4 - width, y - 13, width, height), rank + preferred + (route.LabelLeft ? 1 : 0));
                        }
                    }
                }
            }
        }

        private static bool Overlaps((double X, double Y, double Width, double Height) a, (double X, double Y, double Width, double Height) b) =>
            a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

        /// <summary>The free vertical channel (between slot columns of the lower or upper zone's site) nearest to <paramref name="target"/>.</summary>
        private double Channel(Node upper, Node lower, double target)
        {
            var best = double.NaN;
            foreach (var site in new[] { lower.Site, upper.Site })
            {
                if (site < 0)
                {
                    continue;
                }

                var k = Math.Clamp((int)Math.Round((target - _siteX[site]) / Pitch), 0, _columns[site]);
                var x = _siteX[site] + (k * Pitch);
                if (double.IsNaN(best) || Math.Abs(x - target) < Math.Abs(best - target))
                {
                    best = x;
                }
            }

            return best;
        }
    }
}
