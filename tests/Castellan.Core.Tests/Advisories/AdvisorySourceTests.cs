using System.Text;
using Castellan.Core.Advisories;

namespace Castellan.Core.Tests.Advisories;

public sealed class AdvisorySourceTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("\uFEFF{\"document\": {\"title\": \"Ünïcödé ✓\"}}\r\n")]
    [InlineData("")]
    public void Decompress_Compressed_GivesTheSameBytes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        AdvisorySource.Decompress(AdvisorySource.Compress(bytes)).ShouldBe(bytes);
    }

    [Fact]
    public void Decompress_LargeRepetitiveDocument_IsSmallerAndRoundTrips()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"vulnerabilities\": [" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"{{\"cve\": \"CVE-2018-{i}\"}}")) + "]}");

        var compressed = AdvisorySource.Compress(bytes);

        compressed.Length.ShouldBeLessThan(bytes.Length / 4);
        AdvisorySource.Decompress(compressed).ShouldBe(bytes);
    }

    [Fact]
    public void Decompress_UncompressedRowFromBeforeCompression_IsReturnedAsIs()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"document\": {}}");

        AdvisorySource.Decompress(bytes).ShouldBe(bytes);
    }

    [Fact]
    public void Decompress_ZlibRowFromBeforeLz4_GivesTheDocument()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"document\": {\"title\": \"kept with zlib by an earlier import\"}}");
        using var buffer = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        AdvisorySource.Decompress(buffer.ToArray()).ShouldBe(bytes);
    }
}
