using System.Text;

namespace Castellan.Cli.Output;

/// <summary>
/// The process's standard output and error as the commands write them, made on another core while the command line is
/// parsed and the command starts: the first look at the console's encoding reads .NET's table of encoding names, 5 ms
/// that every command waited for before it started. The writers passed to the commands wait for them on their first
/// use, which is nearly always after.
/// </summary>
/// <remarks>
/// Console.Out writes to the file descriptor every 256 characters: a report of a few hundred KB (a gap analysis in
/// JSON) became thousands of system calls. Same stream and encoding, a larger buffer, still flushed after each write.
/// (An encoding with a byte-order mark keeps Console.Out, which leaves the mark out.) A report produced as UTF-8 bytes
/// goes straight to the stream when the console encodes UTF-8 (<see cref="CliContext.WriteOut"/>).
/// </remarks>
internal sealed class ConsoleOutput : IAsyncDisposable
{
    private readonly Task<(TextWriter Out, Stream? Utf8, StreamWriter? Buffered)> opening = Task.Run(Open);

    public ConsoleOutput()
    {
        Out = new Deferred(() => opening.Result.Out);
        Error = new Deferred(() => Console.Error);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>The byte stream under <see cref="Out"/> when it writes UTF-8 without a byte-order mark, else null.</summary>
    public Stream? Utf8Stream => opening.Result.Utf8;

    /// <summary>Flushes and closes the buffered standard output (and its stream).</summary>
    public async ValueTask DisposeAsync()
    {
        if ((await opening).Buffered is { } buffered)
        {
            await buffered.DisposeAsync();
        }
    }

    private static (TextWriter Out, Stream? Utf8, StreamWriter? Buffered) Open()
    {
        var encoding = Console.OutputEncoding;
        _ = Console.Error; // made now too, with the same encoding
        if (!encoding.Preamble.IsEmpty)
        {
            return (Console.Out, null, null);
        }

        var stream = Console.OpenStandardOutput();
        var buffered = new StreamWriter(stream, encoding, bufferSize: 64 * 1024) { AutoFlush = true };
        return (TextWriter.Synchronized(buffered), encoding.CodePage == Encoding.UTF8.CodePage ? stream : null, buffered);
    }

    /// <summary>A writer that waits for the one it writes to when first used.</summary>
    private sealed class Deferred(Func<TextWriter> open) : TextWriter
    {
        private TextWriter? inner;

        private TextWriter Inner => inner ??= open();

        public override Encoding Encoding => Inner.Encoding;

        public override IFormatProvider FormatProvider => Inner.FormatProvider;

        public override void Write(char value) => Inner.Write(value);

        public override void Write(char[] buffer, int index, int count) => Inner.Write(buffer, index, count);

        public override void Write(ReadOnlySpan<char> buffer) => Inner.Write(buffer);

        public override void Write(string? value) => Inner.Write(value);

        public override void WriteLine() => Inner.WriteLine();

        public override void WriteLine(string? value) => Inner.WriteLine(value);

        public override void WriteLine(ReadOnlySpan<char> buffer) => Inner.WriteLine(buffer);

        public override Task WriteAsync(char value) => Inner.WriteAsync(value);

        public override Task WriteAsync(string? value) => Inner.WriteAsync(value);

        public override Task WriteAsync(char[] buffer, int index, int count) => Inner.WriteAsync(buffer, index, count);

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) => Inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteLineAsync() => Inner.WriteLineAsync();

        public override Task WriteLineAsync(string? value) => Inner.WriteLineAsync(value);

        public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) => Inner.WriteLineAsync(buffer, cancellationToken);

        public override void Flush() => Inner.Flush();

        public override Task FlushAsync() => Inner.FlushAsync();

        public override Task FlushAsync(CancellationToken cancellationToken) => Inner.FlushAsync(cancellationToken);
    }
}
