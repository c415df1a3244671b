using System.Globalization;
using Castellan.Core.Advisories;
using Castellan.Tests;

namespace Castellan.Core.Tests.Advisories;

/// <summary>The RFC 3339 fast path of <see cref="CsafJson.TryParseDate"/> reads exactly as DateTimeOffset.TryParse does.</summary>
public sealed class CsafDateTests
{
    [Theory]
    [InlineData("2023-01-10T00:00:00Z")]
    [InlineData("2023-01-10T14:30:59.1234567Z")]
    [InlineData("2023-01-10T14:30:59.1Z")]
    [InlineData("2023-01-10T14:30:59.12345678Z")]
    [InlineData("2024-02-29T23:59:59+05:30")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2023-13-01T00:00:00Z")]
    [InlineData("2023-12-31T24:00:00Z")]
    [InlineData("2023-12-31T23:60:00Z")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2023-01-10T00:00:00+14:00")]
    [InlineData("2023-01-10T00:00:00+14:01")]
    [InlineData("2023-01-10T00:00:00-12:00")]
    [InlineData("2023-01-10T00:00:00+1:00")]
    [InlineData("2023-01-10T00:00:00.Z")]
    [InlineData("2023-01-10t00:00:00z")]
    [InlineData("2023-01-10 00:00:00Z")]
    [InlineData("2023-01-10T00:00:00")]
    [InlineData("2023-01-10")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("2023-01-10T00:00:00Z ")]
    [InlineData("not a date")]
    [InlineData("")]
    public void TryParseDate_ReadsAsTheFramework(string text) => Same(text);

    [Fact]
    public void TryParseDate_EveryDateOfTheCisaAdvisories_ReadsAsTheFramework()
    {
        var dates = 0;
        foreach (var file in Directory.EnumerateFiles(TestPaths.RequireTestData("csaf", "cisa-ot"), "*.json", SearchOption.AllDirectories))
        {
            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), "\"(\\d{4}-[^\"]{5,40})\""))
            {
                Same(match.Groups[1].Value);
                dates++;
            }
        }

        dates.ShouldBeGreaterThan(4000);
    }

    [Fact]
    public void TryParseDate_RandomDigitsInTheShape_ReadAsTheFramework()
    {
        var random = new Random(62443);
        for (var i = 0; i < 20000; i++)
        {
            var fraction = random.Next(4) switch { 0 => "", 1 => "." + random.Next(10), 2 => "." + random.Next(1000).ToString("000", CultureInfo.InvariantCulture), _ => "." + random.Next(10_000_000).ToString("0000000", CultureInfo.InvariantCulture) };
            var offset = random.Next(3) switch { 0 => "Z", _ => $"{(random.Next(2) == 0 ? '+' : '-')}{random.Next(16):00}:{random.Next(70):00}" };
            Same($"{random.Next(1, 10000):0000}-{random.Next(15):00}-{random.Next(33):00}T{random.Next(26):00}:{random.Next(62):00}:{random.Next(62):00}{fraction}{offset}");
        }
    }

    private static void Same(string text)
    {
        var expected = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var framework);

        CsafJson.TryParseDate(text, out var value).ShouldBe(expected, text);
        if (expected)
        {
            value.ShouldBe(framework, text);
            value.Offset.ShouldBe(framework.Offset, text);
        }
    }
}
