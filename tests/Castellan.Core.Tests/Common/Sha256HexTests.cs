using System.Security.Cryptography;
using Castellan.Core.Common;

namespace Castellan.Core.Tests.Common;

public sealed class Sha256HexTests
{
    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("{\"document\":{}}")]
    public void Of_IsTheFrameworksLowerCaseHex(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);

        Sha256Hex.Of(bytes).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void Of_KnownVector()
    {
        // FIPS 180-2, appendix B.1
        Sha256Hex.Of("abc"u8).ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public void Of_EveryByteValue_MatchesTheFramework()
    {
        for (var seed = 0; seed < 256; seed++)
        {
            var bytes = new byte[seed];
            new Random(seed).NextBytes(bytes);
            Sha256Hex.Of(bytes).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }
}
