using System.Text.RegularExpressions;
using Castellan.Core.Advisories;
using Castellan.Tests;

namespace Castellan.Core.Tests.Advisories;

/// <summary>
/// The vector checks against the CVSS JSON schemas' patterns, as regular expressions (what the checks used before). One
/// difference is intended: .NET's $ also matched before a final newline, the schemas' (ECMAScript) does not.
/// </summary>
public sealed partial class CvssVectorTests
{
    [GeneratedRegex(@"^CVSS:3[.][01]/((AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])/)*(AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])\z")]
    private static partial Regex V3Pattern();

    [GeneratedRegex(@"^((AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))/)*(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))\z")]
    private static partial Regex V2Pattern();

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", true)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:O/RC:C/CR:M/MAV:P/MS:X/MA:N", true)]
    [InlineData("CVSS:3.1/AV:N/", false)]
    [InlineData("CVSS:3.1/", false)]
    [InlineData("CVSS:3.2/AV:N", false)]
    [InlineData("CVSS:3.1/AV:N//AC:L", false)]
    [InlineData("CVSS:3.1/AV:Q", false)]
    [InlineData("CVSS:3.1/av:N", false)]
    [InlineData("CVSS:3.1/AV:NN", false)]
    [InlineData("CVSS:3.1/AV:N\n", false)]
    [InlineData("AV:N/AC:L/PR:N", false)]
    public void IsV3Vector(string vector, bool valid) => Cvss.IsV3Vector(vector).ShouldBe(valid);

    [Theory]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P", true)]
    [InlineData("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:UR/CDP:LM/TD:ND/CR:ND", true)]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/", false)]
    [InlineData("AV:N/E:PO", false)]
    [InlineData("CVSS:2.0/AV:N", false)]
    [InlineData("", false)]
    [InlineData("AV:N\n", false)]
    public void IsV2Vector(string vector, bool valid) => Cvss.IsV2Vector(vector).ShouldBe(valid);

    [Fact]
    public void EveryVectorOfTheCisaAdvisoriesAndOasisCases_AsThePattern()
    {
        var vectors = 0;
        foreach (var folder in (string[])["cisa-ot", "oasis-tests"])
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.RequireTestData("csaf", folder), "*.json", SearchOption.AllDirectories))
            {
                foreach (Match match in VectorString().Matches(File.ReadAllText(file)))
                {
                    Same(Regex.Unescape(match.Groups[1].Value));
                    vectors++;
                }
            }
        }

        vectors.ShouldBeGreaterThan(3000);
    }

    [Fact]
    public void RandomPartsAndNearMisses_AsThePattern()
    {
        string[] pieces = ["AV:N", "AV:A", "AV:L", "AV:P", "AV:Q", "AC:L", "AC:M", "AC:H", "Au:N", "Au:S", "Au:M", "Au:X", "PR:N", "PR:H", "UI:R", "S:C", "S:U",
            "C:H", "C:P", "C:C", "I:N", "A:L", "E:POC", "E:P", "E:X", "E:ND", "RL:OF", "RL:O", "RL:TF", "RC:UR", "RC:R", "RC:C", "CDP:LM", "CDP:MH", "TD:ND", "TD:X",
            "CR:ND", "CR:X", "IR:M", "MAV:X", "MAV:N", "MAC:H", "MPR:L", "MUI:N", "MS:C", "MC:X", "MI:L", "MA:H", "MAV:", ":N", "AV", "", "av:n", "AV:N:L", "A V:N"];
        string[] prefixes = ["", "CVSS:3.1/", "CVSS:3.0/", "CVSS:3.2/", "CVSS:3.1", "CVSS:2.0/"];
        var random = new Random(62443);
        for (var i = 0; i < 50000; i++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 9)).Select(_ => pieces[random.Next(pieces.Length)]);
            Same(prefixes[random.Next(prefixes.Length)] + string.Join(random.Next(20) == 0 ? "//" : "/", parts) + (random.Next(20) == 0 ? "/" : ""));
        }
    }

    private static void Same(string vector)
    {
        Cvss.IsV3Vector(vector).ShouldBe(V3Pattern().IsMatch(vector), vector);
        Cvss.IsV2Vector(vector).ShouldBe(V2Pattern().IsMatch(vector), vector);
    }

    [GeneratedRegex("\"vectorString\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex VectorString();
}
