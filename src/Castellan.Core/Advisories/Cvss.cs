using System.Text.RegularExpressions;

namespace Castellan.Core.Advisories;

/// <summary>
/// CVSS base scores computed from the vector, for mandatory test 6.1.9: v3.0/v3.1 (FIRST CVSS v3.1 specification §7.1,
/// with its Roundup) and v2 (CVSS v2 guide §3.2.1). Only the base metrics: temporal and environmental scores are not checked.
/// </summary>
internal static partial class Cvss
{
    public static bool IsV3Vector(string vector) => V3Vector().IsMatch(vector);

    public static bool IsV2Vector(string vector) => V2Vector().IsMatch(vector);

    private static readonly string[] V3Metrics = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

    private static readonly string[] V2Metrics = ["AV", "AC", "Au", "C", "I", "A"];

    public static double? V3Base(string vector)
    {
        Span<Range> m = stackalloc Range[V3Metrics.Length];
        if (!Metrics(vector, V3Metrics, m))
        {
            return null;
        }

        ReadOnlySpan<char> text = vector;
        ReadOnlySpan<char> av = text[m[0]], ac = text[m[1]], pr = text[m[2]], ui = text[m[3]], s = text[m[4]];
        var changed = s is "C";
        static double Cia(ReadOnlySpan<char> v) => v switch { "H" => 0.56, "L" => 0.22, _ => 0 };
        var iss = 1 - ((1 - Cia(text[m[5]])) * (1 - Cia(text[m[6]])) * (1 - Cia(text[m[7]])));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22
            * (av switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, _ => 0.2 })
            * (ac is "L" ? 0.77 : 0.44)
            * (pr switch { "N" => 0.85, "L" => changed ? 0.68 : 0.62, _ => changed ? 0.5 : 0.27 })
            * (ui is "N" ? 0.85 : 0.62);
        if (impact <= 0)
        {
            return 0;
        }

        return changed ? Roundup(Math.Min(1.08 * (impact + exploitability), 10)) : Roundup(Math.Min(impact + exploitability, 10));
    }

    public static string V3Severity(double score) => score switch
    {
        0 => "NONE",
        < 4 => "LOW",
        < 7 => "MEDIUM",
        < 9 => "HIGH",
        _ => "CRITICAL",
    };

    public static double? V2Base(string vector)
    {
        Span<Range> m = stackalloc Range[V2Metrics.Length];
        if (!Metrics(vector, V2Metrics, m))
        {
            return null;
        }

        ReadOnlySpan<char> text = vector;
        ReadOnlySpan<char> av = text[m[0]], ac = text[m[1]], au = text[m[2]];
        static double Cia(ReadOnlySpan<char> v) => v switch { "C" => 0.66, "P" => 0.275, _ => 0 };
        var impact = 10.41 * (1 - ((1 - Cia(text[m[3]])) * (1 - Cia(text[m[4]])) * (1 - Cia(text[m[5]]))));
        var exploitability = 20 * (av switch { "N" => 1.0, "A" => 0.646, _ => 0.395 }) * (ac switch { "L" => 0.71, "M" => 0.61, _ => 0.35 })
            * (au switch { "N" => 0.704, "S" => 0.56, _ => 0.45 });
        var score = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * (impact == 0 ? 0 : 1.176);
        return Math.Round(score, 1, MidpointRounding.AwayFromZero);
    }

    // CVSS v3.1 Appendix A: the smallest number with one decimal that is >= the input, free of floating-point noise.
    private static double Roundup(double value)
    {
        var integer = (long)Math.Round(value * 100000);
        return integer % 10000 == 0 ? integer / 100000.0 : (Math.Floor(integer / 10000.0) + 1) / 10.0;
    }

    // The value of each of the metrics named by keys ("AV:N/AC:L/..."; a metric given twice counts with its last value;
    // the CVSS:3.x prefix is no metric): false when one is missing.
    private static bool Metrics(ReadOnlySpan<char> vector, string[] keys, Span<Range> values)
    {
        values.Clear();
        var found = 0;
        foreach (var range in vector.Split('/'))
        {
            var part = vector[range];
            var colon = part.IndexOf(':');
            if (colon <= 0 || part[..colon] is "CVSS")
            {
                continue;
            }

            var key = part[..colon];
            for (var k = 0; k < keys.Length; k++)
            {
                if (key.SequenceEqual(keys[k]))
                {
                    var start = range.Start.GetOffset(vector.Length) + colon + 1;
                    values[k] = start..range.End.GetOffset(vector.Length);
                    found |= 1 << k;
                }
            }
        }

        return found == (1 << keys.Length) - 1;
    }

    [GeneratedRegex(@"^CVSS:3[.][01]/((AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])/)*(AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])$")]
    private static partial Regex V3Vector();

    [GeneratedRegex(@"^((AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))/)*(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))$")]
    private static partial Regex V2Vector();
}
