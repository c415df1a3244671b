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
public static partial class ZoneDiagram
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
}
