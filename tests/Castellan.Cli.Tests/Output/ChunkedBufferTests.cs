using Castellan.Cli.Output;

namespace Castellan.Cli.Tests.Output;

public sealed class ChunkedBufferTests
{
    /// <summary>Requests of every size (none, small, more than the rest of a chunk, more than a chunk), each partly used.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(50_000)]
    [InlineData(200_000)]
    public void Writes_AcrossChunks_ComeOutWholeAndInOrder(int sizeHint)
    {
        var random = new Random(sizeHint);
        var expected = new List<byte>();
        var buffer = new ChunkedBuffer();
        for (var write = 0; write < 40; write++)
        {
            var span = write % 2 == 0 ? buffer.GetSpan(sizeHint) : buffer.GetMemory(sizeHint).Span;
            span.Length.ShouldBeGreaterThanOrEqualTo(Math.Max(sizeHint, 1));
            var count = random.Next(1, Math.Min(span.Length, Math.Max(sizeHint, 1) + 30_000) + 1);
            for (var i = 0; i < count; i++)
            {
                span[i] = (byte)random.Next(256);
                expected.Add(span[i]);
            }

            buffer.Advance(count);
        }

        using var stream = new MemoryStream();
        buffer.WriteTo(stream);

        buffer.Length.ShouldBe(expected.Count);
        buffer.ToArray().ShouldBe(expected.ToArray());
        stream.ToArray().ShouldBe(expected.ToArray());
    }

    [Fact]
    public void Advance_BeyondWhatWasGiven_Throws()
    {
        var buffer = new ChunkedBuffer();
        var given = buffer.GetSpan(10).Length;

        Should.Throw<ArgumentOutOfRangeException>(() => buffer.Advance(given + 1));
    }

    [Fact]
    public void Empty_WritesNothing()
    {
        using var stream = new MemoryStream();

        new ChunkedBuffer().WriteTo(stream);

        stream.Length.ShouldBe(0);
    }
}
