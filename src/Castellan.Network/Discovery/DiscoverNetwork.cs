using Castellan.Network.Captures;
using Castellan.Network.Zeek;

namespace Castellan.Network.Discovery;

/// <summary>Progress of a discovery run: bytes read of all inputs, and the input being read.</summary>
public readonly record struct DiscoveryProgress(long BytesDone, long BytesTotal, string CurrentInput);

/// <summary>
/// Passive discovery over captures (pcap, pcapng: by magic number) and Zeek logs (by file name), files and folders
/// mixed. An input that cannot be read is reported in its <see cref="InputStats.Error"/> and the others are still
/// read: the result always covers everything readable.
/// </summary>
public sealed class DiscoverNetwork(int maxConversations = TrafficTable.DefaultMaxConversations)
{
    public DiscoveryResult Run(IReadOnlyList<string> inputs, IProgress<DiscoveryProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = Expand(inputs);
        var table = new TrafficTable(maxConversations);
        var total = files.Sum(f => f.Length);
        var done = 0L;

        // Captures first, then conn.log files (they create conversations), then the logs that annotate them.
        foreach (var file in files.OrderBy(f => f.Kind switch { InputKind.Capture => 0, InputKind.Zeek when f.Log == ZeekLogKind.Conn => 1, _ => 2 }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Kind == InputKind.Unknown)
            {
                continue;
            }

            var before = done;
            void Report(long position) => progress?.Report(new DiscoveryProgress(before + position, total, file.Stats.Path));
            try
            {
                using var stream = new FileStream(file.Stats.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
                switch (file.Kind)
                {
                    case InputKind.Capture:
                        if (file.Stats.Format == "pcap" && SplitCapture.TryRead(stream, table, file.Stats, Report, cancellationToken))
                        {
                            break;
                        }

                        using (var reader = CaptureReader.Open(stream))
                        {
                            if (reader is null)
                            {
                                file.Stats.Error = "not a pcap or pcapng file (unknown magic number)";
                                break;
                            }

                            CaptureAnalyzer.Read(reader, table, file.Stats, Report, cancellationToken);
                        }

                        break;
                    case InputKind.Zeek:
                        ZeekImporter.Read(stream, file.Log!.Value, table, file.Stats, Report, cancellationToken);
                        break;
                    default:
                        break;
                }
            }
            catch (IOException e)
            {
                file.Stats.Error = "cannot be read: " + e.Message;
            }
            catch (UnauthorizedAccessException)
            {
                file.Stats.Error = "cannot be read: permission denied";
            }

            done = before + file.Length;
            progress?.Report(new DiscoveryProgress(done, total, file.Stats.Path));
        }

        var conversations = ConversationBuilder.Build(table);
        table.ReleaseConversations();
        var devices = DeviceBuilder.Build(conversations, table.Context);
        var stats = files.Select(f => f.Stats).ToList();
        return new DiscoveryResult(devices, conversations, new DiscoveryStats(
            stats.Sum(s => s.Packets), stats.Sum(s => s.Bytes), stats.Sum(s => s.Skipped), table.Malformed, table.Fragments, table.Untracked, stats));
    }

    private static List<InputFile> Expand(IReadOnlyList<string> inputs)
    {
        var files = new List<InputFile>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.EnumerateFiles(input, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Order(StringComparer.Ordinal)
                    .Select(Classify)
                    .Where(f => f.Kind != InputKind.Unknown)
                    .ToList();
                if (found.Count == 0)
                {
                    files.Add(new InputFile(new InputStats(input, "folder") { Error = "no pcap, pcapng or Zeek log (conn.log, modbus.log, …) in this folder" }, InputKind.Unknown, null, 0));
                }

                files.AddRange(found);
            }
            else if (File.Exists(input))
            {
                var file = Classify(input);
                if (file.Kind == InputKind.Unknown)
                {
                    file.Stats.Error = "not a pcap or pcapng capture (by its magic number) nor a Zeek log (by its name: conn.log, modbus.log, dnp3.log, s7comm.log, enip.log, cip.log, …)";
                }

                files.Add(file);
            }
            else
            {
                files.Add(new InputFile(new InputStats(input, "unknown") { Error = "no such file or folder" }, InputKind.Unknown, null, 0));
            }
        }

        return files;
    }

    private static InputFile Classify(string path)
    {
        long length = 0;
        Span<byte> head = stackalloc byte[4];
        var read = 0;
        try
        {
            using var stream = File.OpenRead(path);
            length = stream.Length;
            read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        if (CaptureReader.Detect(head[..read]) is { } format)
        {
            return new InputFile(new InputStats(path, format == CaptureFormat.Pcap ? "pcap" : "pcapng"), InputKind.Capture, null, length);
        }

        var log = ZeekLogKinds.FromName(path);
        var extension = Path.GetExtension(path);
        if (log is not null && extension is ".log" or ".json" or ".jsonl")
        {
            return new InputFile(new InputStats(path, "zeek"), InputKind.Zeek, log, length);
        }

        return new InputFile(new InputStats(path, "unknown"), InputKind.Unknown, null, length);
    }

    private enum InputKind
    {
        Capture,
        Zeek,
        Unknown,
    }

    private sealed record InputFile(InputStats Stats, InputKind Kind, ZeekLogKind? Log, long Length);
}
