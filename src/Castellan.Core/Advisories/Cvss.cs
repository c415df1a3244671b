namespace Castellan.Core.Advisories;

/// <summary>
/// CVSS base scores computed from the vector, for mandatory test 6.1.9: v3.0/v3.1 (FIRST CVSS v3.1 specification §7.1,
/// with its Roundup) and v2 (CVSS v2 guide §3.2.1). Only the base metrics: temporal and environmental scores are not checked.
/// </summary>
internal static class Cvss
{
    /// <summary>
    /// Whether <paramref name="vector"/> is a CVSS v3.0/v3.1 vector string as the CVSS v3 JSON schema's pattern has it:
    /// "CVSS:3.x/" and metric:value parts separated by '/', each part one the specification defines. Checked part by part
    /// here (a regular expression took 2 µs a vector, first compiled at the first advisory).
    /// </summary>
    public static bool IsV3Vector(string vector) =>
        (vector.StartsWith("CVSS:3.0/", StringComparison.Ordinal) || vector.StartsWith("CVSS:3.1/", StringComparison.Ordinal))
        && EveryPart(vector.AsSpan("CVSS:3.x/".Length), IsV3Part);

    /// <summary>Whether <paramref name="vector"/> is a CVSS v2.0 vector string as the CVSS v2 JSON schema's pattern has it.</summary>
    public static bool IsV2Vector(string vector) => EveryPart(vector, IsV2Part);

    private delegate bool PartCheck(ReadOnlySpan<char> name, ReadOnlySpan<char> value);

    // At least one part; every part a known name:value (an empty part, such as a trailing '/', is none).
    private static bool EveryPart(ReadOnlySpan<char> parts, PartCheck check)
    {
        if (parts.IsEmpty)
        {
            return false;
        }

        foreach (var range in parts.Split('/'))
        {
            var part = parts[range];
            var colon = part.IndexOf(':');
            if (colon <= 0 || !check(part[..colon], part[(colon + 1)..]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsV3Part(ReadOnlySpan<char> name, ReadOnlySpan<char> value) => value.Length == 1 && (name switch
    {
        "AV" => "NALP",
        "AC" => "LH",
        "PR" => "NLH",
        "UI" => "NR",
        "S" => "UC",
        "C" or "I" or "A" => "NLH",
        "E" => "XUPFH",
        "RL" => "XOTWU",
        "RC" => "XURC",
        "CR" or "IR" or "AR" => "XLMH",
        "MAV" => "XNALP",
        "MAC" => "XLH",
        "MPR" => "XNLH",
        "MUI" => "XNR",
        "MS" => "XUC",
        "MC" or "MI" or "MA" => "XNLH",
        _ => "",
    }).Contains(value[0]);

    private static bool IsV2Part(ReadOnlySpan<char> name, ReadOnlySpan<char> value) => name switch
    {
        "AV" => value is "N" or "A" or "L",
        "AC" => value is "L" or "M" or "H",
        "Au" => value is "M" or "S" or "N",
        "C" or "I" or "A" => value is "N" or "P" or "C",
        "E" => value is "U" or "POC" or "F" or "H" or "ND",
        "RL" => value is "OF" or "TF" or "W" or "U" or "ND",
        "RC" => value is "UC" or "UR" or "C" or "ND",
        "CDP" => value is "N" or "L" or "LM" or "MH" or "H" or "ND",
        "TD" => value is "N" or "L" or "M" or "H" or "ND",
        "CR" or "IR" or "AR" => value is "L" or "M" or "H" or "ND",
        _ => false,
    };

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
}
