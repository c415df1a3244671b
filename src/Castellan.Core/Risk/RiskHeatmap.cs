using System.Globalization;
using System.Net;
using System.Text;
using Castellan.Domain.Risk;

namespace Castellan.Core.Risk;

/// <summary>
/// The register's heat map before and after treatment: two likelihood × impact grids coloured by band, with the number
/// of risks in each cell and the tolerable cells outlined. Standalone SVG, presentation attributes only, no script;
/// the same register gives the same bytes.
/// </summary>
public static class RiskHeatmap
{
    private const int Cell = 64, Left = 120, Top = 70, Gap = 90;
    private static readonly string[] Palette = ["#2e7d32", "#9e9d24", "#f9a825", "#ef6c00", "#c62828", "#8e0000", "#4a0000"];

    public static string Render(RiskReport report)
    {
        var m = report.Register.Matrix;
        var gridWidth = Cell * m.Impact.Count;
        var width = Math.Max(Left + (2 * gridWidth) + Gap + 40, 32 + (170 * m.Bands.Count));
        var height = Top + (Cell * m.Likelihood.Count) + 84;
        var svg = new StringBuilder(16000);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"system-ui, 'Segoe UI', Roboto, Arial, sans-serif\" role=\"img\" aria-label=\"Risk heat map before and after treatment\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"26\" font-size=\"16\" font-weight=\"700\" fill=\"#263238\">Risk heat map: {report.Rows.Count} risk(s), tolerable up to '{Escape(m.Tolerable)}'</text>\n");
        Grid(svg, m, Left, "Inherent (unmitigated)", report.Rows.Select(r => r.Inherent));
        Grid(svg, m, Left + gridWidth + Gap, "Residual (after treatment)", report.Rows.Select(r => r.Residual));

        var legendY = Top + (Cell * m.Likelihood.Count) + 56;
        for (var b = 0; b < m.Bands.Count; b++)
        {
            var x = 16 + (b * 170);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{legendY}\" width=\"16\" height=\"16\" fill=\"{Colour(m, b)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 22}\" y=\"{legendY + 13}\" font-size=\"12\" fill=\"#263238\">{Escape(m.Bands[b])}{(b == m.TolerableBand ? " (tolerable)" : "")}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Grid(StringBuilder svg, RiskMatrix m, int left, string title, IEnumerable<RiskScore> scores)
    {
        var counts = new int[m.Likelihood.Count, m.Impact.Count];
        foreach (var s in scores)
        {
            counts[s.Likelihood, s.Impact]++;
        }

        var rows = m.Likelihood.Count;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{Top - 14}\" font-size=\"13\" font-weight=\"600\" fill=\"#263238\">{Escape(title)}</text>\n");
        for (var l = 0; l < rows; l++)
        {
            var y = Top + ((rows - 1 - l) * Cell); // highest likelihood at the top
            if (left == Left)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + (Cell / 2) + 4}\" font-size=\"11\" text-anchor=\"end\" fill=\"#455a64\">{Escape(m.Likelihood[l])}</text>\n");
            }

            for (var i = 0; i < m.Impact.Count; i++)
            {
                var x = left + (i * Cell);
                var band = m.Band(l, i);
                var outline = m.IsTolerable(band) ? " stroke=\"#1b5e20\" stroke-width=\"2\"" : " stroke=\"#ffffff\" stroke-width=\"1\"";
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{Cell}\" height=\"{Cell}\" fill=\"{Colour(m, band)}\" fill-opacity=\"{(counts[l, i] > 0 ? "0.95" : "0.35")}\"{outline}><title>{Escape($"{m.Likelihood[l]} × {m.Impact[i]}: {m.Bands[band]}, {counts[l, i]} risk(s)")}</title></rect>");
                if (counts[l, i] > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (Cell / 2)}\" y=\"{y + (Cell / 2) + 6}\" font-size=\"18\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#ffffff\">{counts[l, i]}</text>");
                }

                svg.Append('\n');
            }
        }

        for (var i = 0; i < m.Impact.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (i * Cell) + (Cell / 2)}\" y=\"{Top + (rows * Cell) + 16}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#455a64\">{Escape(m.Impact[i])}</text>\n");
        }
    }

    /// <summary>Bands spread over the palette, lowest green, highest dark red.</summary>
    private static string Colour(RiskMatrix m, int band) =>
        Palette[m.Bands.Count <= 1 ? 0 : (int)Math.Round(band * (Math.Min(Palette.Length, Math.Max(m.Bands.Count, 5)) - 1) / (double)(m.Bands.Count - 1))];

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
