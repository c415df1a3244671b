using Castellan.Core.Common;

namespace Castellan.Core.Tests.Common;

public sealed class TextOrderTests
{
    [Fact]
    public void Ordinal_SortsAsStringCompareOrdinal()
    {
        string?[] names = ["b", "a", "", "ab", "aB", "Ab", "a/b", "a-b", "é", "z", "ä", null, "\uD83D\uDE00", "\uFFFF", "a\0", "a"];
        var expected = (string?[])names.Clone();
        Array.Sort(expected, string.CompareOrdinal);

        Array.Sort(names, TextOrder.Ordinal);

        names.ShouldBe(expected);
        foreach (var a in names)
        {
            foreach (var b in names)
            {
                Math.Sign(TextOrder.Ordinal(a, b)).ShouldBe(Math.Sign(string.CompareOrdinal(a, b)), $"'{a}' vs '{b}'");
            }
        }
    }
}
