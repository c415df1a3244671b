using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Castellan.Core.Common;

/// <summary>
/// ECMA-376 ST_Xstring escaping: a character XML cannot carry intact (a control character, CR, which XML turns into LF,
/// a lone surrogate) is written "_xHHHH_", and a literal "_xHHHH_" in the text has its '_' written "_x005F_".
/// Excel reads and writes cell text this way.
/// </summary>
internal static partial class XlsxText
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef");

    public static string Encode(string text)
    {
        if (!text.Any(c => NeedsEscape(c) || c == '_'))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (NeedsEscape(c) || (c == '_' && IsEscapeAt(text, i)))
            {
                result.Append(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_");
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    public static string Decode(string text) =>
        text.Contains("_x", StringComparison.Ordinal)
            ? Escaped().Replace(text, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : text;

    private static bool IsEscapeAt(string text, int i) =>
        i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' && text.AsSpan(i + 2, 4).IndexOfAnyExcept(HexDigits) < 0;

    private static bool NeedsEscape(char c) =>
        (c < ' ' && c is not ('\t' or '\n')) || c is '\uFFFE' or '\uFFFF' || char.IsSurrogate(c);

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();
}
