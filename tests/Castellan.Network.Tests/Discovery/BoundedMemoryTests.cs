using System.Text;
using Castellan.Network.Addressing;
using Castellan.Network.Discovery;
using Castellan.Network.Packets;
using Castellan.Tests;

namespace Castellan.Network.Tests.Discovery;

/// <summary>
/// Memory is bounded by the conversation cap whatever the input: connections past it are counted in
/// stats.untracked (their packets), never held, never an exception; the ones tracked keep their totals.
/// </summary>
public sealed class BoundedMemoryTests
{
    private const string Header = "#separator \\x09\n#path\tconn\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\n";

    /// <summary>A conn.log of <paramref name="rows"/> rows, each a new connection (3 + 2 packets) unless <paramref name="distinct"/> is smaller.</summary>
    private static string ConnLog(int rows, int distinct)
    {
        var path = Path.Combine(TestPaths.TempDirectory(), "conn.log");
        var text = new StringBuilder(Header);
        for (var i = 0; i < rows; i++)
        {
            var j = i % distinct;
            text.Append("1700000000.000000\t10.").Append((j >> 16) & 255).Append('.').Append((j >> 8) & 255).Append('.').Append(j & 255)
                .Append('\t').Append(1024 + (j % 60000)).Append("\t192.168.1.10\t502\ttcp\tmodbus\t0.5\t3\t180\t2\t120\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Run_ConnLogWithMoreConnectionsThanTheCap_ExtraCountedAsUntracked()
    {
        var path = ConnLog(rows: 5_000, distinct: 5_000);

        var result = new DiscoverNetwork(maxConversations: 1_000).Run([path]);

        result.Stats.Inputs.ShouldHaveSingleItem().Error.ShouldBeNull();
        result.Stats.Inputs[0].Rows.ShouldBe(5_000);
        result.Conversations.Count.ShouldBe(1_000);
        result.Stats.Untracked.ShouldBe(4_000 * 5);
        result.Conversations.Sum(c => c.Packets).ShouldBe(1_000 * 5);
        result.Devices.Count.ShouldBe(1_000 - 3 + 1); // the tracked clients but 10.0.{0,1,2}.255 (broadcast-like), and the server
    }

    [Fact]
    public void Run_RepeatedConnectionsPastTheCap_StillAggregatedIntoTheirConversation()
    {
        var path = ConnLog(rows: 3_000, distinct: 500);

        var result = new DiscoverNetwork(maxConversations: 500).Run([path]);

        result.Conversations.Count.ShouldBe(500);
        result.Stats.Untracked.ShouldBe(0);
        result.Conversations.ShouldAllBe(c => c.ClientPackets == 18 && c.ServerPackets == 12);
    }

    [Fact]
    public void Run_TenTimesTheRowsPastTheCap_AllocatesNoMore()
    {
        var small = ConnLog(rows: 20_000, distinct: 20_000);
        var large = ConnLog(rows: 200_000, distinct: 200_000);
        var discover = new DiscoverNetwork(maxConversations: 2_000);

        // Warmed with the large run: code still running unoptimised (tier 0) allocates boxes and enumerators that
        // optimised code keeps on the stack, and how much of a measured run that would be depends on the machine's timing.
        discover.Run([large]);

        // The least of three runs each: the reader's two 1 MB buffers come from the shared ArrayPool, which may let them go
        // at a full collection between runs (a run then rents new ones: once 1,048,600 bytes more, a 1 MB array).
        var (fromSmall, allocatedSmall) = Least(() => discover.Run([small]));
        var (fromLarge, allocatedLarge) = Least(() => discover.Run([large]));

        fromLarge.Conversations.Count.ShouldBe(2_000);
        fromLarge.Stats.Untracked.ShouldBe(198_000 * 5);
        fromSmall.Stats.Untracked.ShouldBe(18_000 * 5);
        // Ten times the rows past the cap allocate no more than the buffers' slack. A Debug build of the discovery code is
        // never optimised and allocates per row what optimised code keeps on the stack: there it is held to five times.
        var optimised = typeof(DiscoverNetwork).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            is not [System.Diagnostics.DebuggableAttribute { IsJITOptimizerDisabled: true }];
        allocatedLarge.ShouldBeLessThan(optimised ? allocatedSmall + (1 << 20) : allocatedSmall * 5, $"{allocatedSmall} bytes for 20,000 rows, {allocatedLarge} for 200,000");
    }

    private static (T Result, long Allocated) Least<T>(Func<T> run)
    {
        (T Result, long Allocated) least = (default!, long.MaxValue);
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = run();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated < least.Allocated)
            {
                least = (result, allocated);
            }
        }

        return least;
    }

    [Fact]
    public void Add_PacketsOfMoreConversationsThanTheCap_UntrackedCountedTrackedUpdated()
    {
        var table = new TrafficTable(maxConversations: 100);
        for (var round = 0; round < 2; round++)
        {
            for (uint i = 0; i < 300; i++)
            {
                var view = new PacketView
                {
                    EtherType = PacketDecoder.EtherTypeIPv4,
                    SourceIp = IpAddress16.FromIPv4(0x0A00_0000 + i),
                    DestinationIp = IpAddress16.FromIPv4(0xC0A8_010A),
                    IpProtocol = 17,
                    Transport = Transport.Udp,
                    SourcePort = 40000,
                    DestinationPort = 9999,
                };
                table.Add(view, [], 1_000 + i, 60);
            }
        }

        table.Conversations.Count.ShouldBe(100);
        table.Untracked.ShouldBe(2 * 200);
        foreach (var (_, c) in table.Conversations)
        {
            (c.PacketsFromA + c.PacketsFromB).ShouldBe(2);
        }
    }

    [Fact]
    public void FlowTable_GrowsToItsLimitOnly_EveryKeyFoundAfterGrowth()
    {
        var table = new FlowTable(limit: 3_000);
        for (uint i = 0; i < 5_000; i++)
        {
            var key = FlowKey.Of(IpAddress16.FromIPv4(i), 1, IpAddress16.FromIPv4(0xFFFF_0000), 2, Transport.Tcp, 6, out _);
            ref var c = ref table.GetOrAdd(key, out var exists);
            exists.ShouldBeFalse();
            if (i < 3_000)
            {
                c.PacketsFromA = i;
            }
            else
            {
                System.Runtime.CompilerServices.Unsafe.IsNullRef(ref c).ShouldBeTrue();
            }
        }

        table.Count.ShouldBe(3_000);
        for (uint i = 0; i < 3_000; i++)
        {
            var key = FlowKey.Of(IpAddress16.FromIPv4(i), 1, IpAddress16.FromIPv4(0xFFFF_0000), 2, Transport.Tcp, 6, out _);
            table.Find(key).PacketsFromA.ShouldBe(i);
            table.GetOrAdd(key, out var exists).PacketsFromA.ShouldBe(i);
            exists.ShouldBeTrue();
        }
    }
}
