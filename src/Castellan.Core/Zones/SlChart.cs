using System.Globalization;
using System.Text;
using Castellan.Domain.SecurityLevels;

namespace Castellan.Core.Zones;

/// <summary>
/// A zone's SL-T against its SL-A over the seven foundational requirements (IEC 62443-3-3 §4: IAC UC SI DC RDF TRE RA)
/// as a standalone radar chart in SVG: rings at SL 1–4, the target dashed, the achieved level filled, and a red marker
/// on every FR where SL-A is below SL-T. Presentation attributes only; same input, same bytes.
/// </summary>
public static class SlChart
{
    private const double Width = 460, Height = 500, CentreX = 230, CentreY = 256, Radius = 150;
    private const string Target = "#1e3a5f", Achieved = "#2e7d32", Red = "#c62828", Ink = "#263238", Muted = "#607d8b";

    private static readonly string[] FrNames =
    [
        "Identification and authentication control", "Use control", "System integrity", "Data confidentiality",
        "Restricted data flow", "Timely response to events", "Resource availability",
    ];

    public static string Render(ZoneLevels zone, string title)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(title);

        var svg = new StringBuilder(6000);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width:F0}\" height=\"{Height:F0}\" viewBox=\"0 0 {Width:F0} {Height:F0}\" font-family=\"system-ui, 'Segoe UI', Roboto, Arial, sans-serif\" role=\"img\" aria-label=\"SL-T and SL-A per foundational requirement\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width:F0}\" height=\"{Height:F0}\" fill=\"#ffffff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"26\" font-size=\"16\" font-weight=\"700\" fill=\"{Ink}\">{ZoneDiagram.Escape(ZoneDiagram.Truncate(title, 48))}</text>\n");
        var shortfalls = zone.Gap is { } gap ? gap.Levels.Count(g => g > 0) : 0;
        var subtitle = zone.Slt is { } target
            ? $"SL-T {target} · SL-A {zone.Sla} · {(shortfalls == 0 ? "meets SL-T on every FR" : $"below SL-T on {shortfalls} of 7 FRs")}"
            : $"SL-A {zone.Sla} · no SL-T set";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"46\" font-size=\"12\" fill=\"{(shortfalls == 0 ? Muted : Red)}\">{ZoneDiagram.Escape(subtitle)}</text>\n");

        WriteGrid(svg);
        if (zone.Slt is { } slt)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polygon id=\"slt\" points=\"{Polygon(slt)}\" fill=\"none\" stroke=\"{Target}\" stroke-width=\"2\" stroke-dasharray=\"7 4\" stroke-linejoin=\"round\"/>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polygon id=\"sla\" points=\"{Polygon(zone.Sla)}\" fill=\"{Achieved}\" fill-opacity=\"0.28\" stroke=\"{Achieved}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n");
        for (var fr = 1; fr <= SlVector.Count; fr++)
        {
            var below = zone.Slt is { } t && zone.Sla[fr] < t[fr];
            var (x, y) = Point(fr, zone.Sla[fr]);
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"{(below ? 5 : 3.5):F1}\" fill=\"{(below ? Red : Achieved)}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n");
        }

        WriteAxisLabels(svg, zone);
        WriteLegend(svg, zone.Slt is not null);
        return svg.Append("</svg>\n").ToString();
    }

    private static void WriteGrid(StringBuilder svg)
    {
        svg.Append("<g id=\"grid\">");
        for (var level = 4; level >= 1; level--)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{Polygon(SlVector.Uniform(level))}\" fill=\"{(level % 2 == 0 ? "#f5f7f8" : "#ffffff")}\" stroke=\"#cfd8dc\" stroke-width=\"1\"/>");
        }

        for (var fr = 1; fr <= SlVector.Count; fr++)
        {
            var (x, y) = Point(fr, 4);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{CentreX:F1}\" y1=\"{CentreY:F1}\" x2=\"{x:F1}\" y2=\"{y:F1}\" stroke=\"#b0bec5\" stroke-width=\"1\"/>");
        }

        // Ring values on the bisector between RA and IAC, where no axis or vertex sits.
        var angle = (-Math.PI / 2) - (Math.PI / SlVector.Count);
        for (var level = 1; level <= 4; level++)
        {
            var r = Radius * level / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{CentreX + (r * Math.Cos(angle)):F1}\" y=\"{CentreY + (r * Math.Sin(angle)) + 4:F1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#78909c\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{level}</text>");
        }

        svg.Append("</g>\n");
    }

    private static void WriteAxisLabels(StringBuilder svg, ZoneLevels zone)
    {
        for (var fr = 1; fr <= SlVector.Count; fr++)
        {
            var abbreviation = SlVector.Abbreviations[fr - 1];
            var (x, y) = Point(fr, 4, Radius + 26);
            var cos = (x - CentreX) / (Radius + 26);
            var anchor = cos > 0.3 ? "start" : cos < -0.3 ? "end" : "middle";
            var baseline = y < CentreY - Radius ? y - 10 : y > CentreY + (Radius * 0.5) ? y + 6 : y - 2;
            var target = zone.Slt is { } t ? t[fr] : (int?)null;
            var below = target is { } goal && zone.Sla[fr] < goal;
            var values = target is { } g ? $"T {g} · A {zone.Sla[fr]}" : $"A {zone.Sla[fr]}";
            svg.Append(CultureInfo.InvariantCulture, $"<g id=\"axis-{abbreviation}\"><title>FR {fr} {FrNames[fr - 1]}: {values}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{baseline:F1}\" font-size=\"13\" font-weight=\"700\" text-anchor=\"{anchor}\" fill=\"{Ink}\">{abbreviation}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{baseline + 14:F1}\" font-size=\"11\" text-anchor=\"{anchor}\" fill=\"{(below ? Red : Muted)}\" font-weight=\"{(below ? "700" : "400")}\">{values}</text></g>\n");
        }
    }

    private static void WriteLegend(StringBuilder svg, bool hasTarget)
    {
        var y = Height - 22;
        svg.Append(CultureInfo.InvariantCulture, $"<g id=\"legend\" font-size=\"11\" fill=\"{Ink}\">");
        if (hasTarget)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"16\" y1=\"{y - 4:F1}\" x2=\"46\" y2=\"{y - 4:F1}\" stroke=\"{Target}\" stroke-width=\"2\" stroke-dasharray=\"7 4\"/><text x=\"52\" y=\"{y:F1}\">SL-T target</text>");
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{y:F1}\" fill=\"{Muted}\">no SL-T set</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"140\" y=\"{y - 11:F1}\" width=\"24\" height=\"14\" fill=\"{Achieved}\" fill-opacity=\"0.28\" stroke=\"{Achieved}\" stroke-width=\"2\"/><text x=\"170\" y=\"{y:F1}\">SL-A achieved</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"276\" cy=\"{y - 4:F1}\" r=\"5\" fill=\"{Red}\"/><text x=\"286\" y=\"{y:F1}\">SL-A below SL-T</text></g>\n");
    }

    private static string Polygon(SlVector vector) =>
        string.Join(' ', Enumerable.Range(1, SlVector.Count).Select(fr => Point(fr, vector[fr])).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}")));

    /// <summary>FR 1 points straight up; the others follow clockwise.</summary>
    private static (double X, double Y) Point(int fr, int level, double? radius = null)
    {
        var angle = (-Math.PI / 2) + (2 * Math.PI * (fr - 1) / SlVector.Count);
        var r = radius ?? (Radius * level / 4.0);
        return (CentreX + (r * Math.Cos(angle)), CentreY + (r * Math.Sin(angle)));
    }
}
