using Castellan.Network.Fuzzing;
using Castellan.Network.Packets;
using Castellan.Tests;

namespace Castellan.Network.Tests.Robustness;

/// <summary>
/// Seeded mutations of the real captures (bit flips, 0x00/0xFF runs, 0xFFFFFFFF lengths, cuts, inserted garbage,
/// duplicated chunks) through every fuzz target: no exception, no hang, bounded allocation per input.
/// </summary>
public sealed class MutationTests
{
    private const int Cases = 2_000;
    private const int Seed = 20_261_125;

    /// <summary>A hang fails by the generous test timeout (a guard, not a speed figure: speed lives in bench/).</summary>
    [Fact(Timeout = 300_000)]
    public async Task Capture_2000SeededMutationsOfRealCaptures_NeverThrowHangOrBalloon()
    {
        await Task.Yield();
        var corpus = Corpus();
        var random = new Random(Seed);
        var cancellation = TestContext.Current.CancellationToken;
        for (var i = 0; i < Cases && !cancellation.IsCancellationRequested; i++)
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], random);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            FuzzTargets.Capture(input);
            (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(64L << 20, $"case {i} allocated too much");
        }
    }

    [Fact]
    public void Decoders_MutatedRealPayloadsAndRandomBytes_NeverThrow()
    {
        var payloads = Payloads();
        var random = new Random(Seed);
        var targets = FuzzTargets.All.Where(t => t.Key.StartsWith("decoder-", StringComparison.Ordinal) || t.Key.StartsWith("frame-", StringComparison.Ordinal)).ToList();
        targets.Count.ShouldBeGreaterThan(25);
        for (var i = 0; i < Cases; i++)
        {
            var payload = random.Next(4) == 0 ? RandomBytes(random, random.Next(0, 300)) : Mutate(payloads[random.Next(payloads.Count)], random);
            foreach (var (_, target) in targets)
            {
                target(payload);
            }
        }
    }

    [Fact]
    public void ZeekConn_MutatedBaselineLogs_NeverThrow()
    {
        var log = File.ReadAllBytes(TestPaths.RequireTestData("pcap", "icsnpp", "s7comm", "tests", "baseline", "analyzer.s7comm_plus", "conn.log"));
        var random = new Random(Seed);
        for (var i = 0; i < 500; i++)
        {
            FuzzTargets.ZeekConn(Mutate(log, random));
        }

        FuzzTargets.ZeekConn("{\"id.orig_h\": \"10.0.0.1\", \"id.orig_p\": 1, \"id.resp_h\": \"10.0.0.2\", \"id.resp_p\": 502, \"proto\": \"tcp\", \"service\": \"modbus\"}\n{garbage\n"u8);
    }

    /// <summary>Small real captures whole, and the first 64 KB of the larger ones.</summary>
    internal static List<byte[]> Corpus()
    {
        var iti = TestPaths.RequireTestData("pcap", "iti");
        var icsnpp = TestPaths.RequireTestData("pcap", "icsnpp");
        return [.. Directory.EnumerateFiles(iti).Concat(Directory.EnumerateFiles(icsnpp, "*.pcap*", SearchOption.AllDirectories))
            .Where(f => f.Contains(".pcap", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => { var bytes = File.ReadAllBytes(f); return bytes.Length > 65_536 ? bytes[..65_536] : bytes; })];
    }

    /// <summary>Transport and layer-2 payloads of the real captures.</summary>
    private static List<byte[]> Payloads()
    {
        var payloads = new List<byte[]>();
        foreach (var capture in Corpus())
        {
            using var reader = Network.Captures.CaptureReader.Open(new MemoryStream(capture))!;
            for (var n = 0; n < 200 && reader.TryRead(out var packet); n++)
            {
                if (PacketDecoder.Decode(packet.LinkType, packet.Data, out var view) is DecodeStatus.Ip or DecodeStatus.Layer2 && view.PayloadLength > 0)
                {
                    payloads.Add(packet.Data.Slice(view.PayloadOffset, view.PayloadLength).ToArray());
                }
            }
        }

        return payloads;
    }

    internal static byte[] Mutate(byte[] original, Random random)
    {
        var data = new List<byte>(original);
        for (var m = random.Next(1, 9); m > 0 && data.Count > 0; m--)
        {
            var at = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    for (var i = at; i < Math.Min(data.Count, at + random.Next(1, 16)); i++)
                    {
                        data[i] = random.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                    }

                    break;
                case 2:
                    for (var i = at; i < Math.Min(data.Count, at + 4); i++)
                    {
                        data[i] = 0xFF;
                    }

                    break;
                case 3:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 4:
                    data.InsertRange(at, RandomBytes(random, random.Next(1, 64)));
                    break;
                case 5:
                    var length = Math.Min(random.Next(1, 256), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                default:
                    data[at] = (byte)random.Next(256);
                    break;
            }
        }

        return [.. data];
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
