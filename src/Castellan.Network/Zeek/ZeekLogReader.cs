using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;

namespace Castellan.Network.Zeek;

/// <summary>
/// Streams the rows of a Zeek log, TSV (with #separator / #fields headers; "-" unset, "(empty)" empty) or JSON lines,
/// handing out only the fields asked for, as byte spans into a reused buffer. Lines longer than the buffer and
/// unparsable JSON lines are counted in <see cref="Skipped"/>. Headerless TSV (as in some ICSNPP baselines) is read
/// with the default column list of its log type.
/// </summary>
public sealed class ZeekLogReader : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly Stream stream;
    private readonly byte[][] wanted;
    private readonly int[] columnOf;

    /// <summary>For each column up to the last wanted one: the wanted field it holds, or -1.</summary>
    private int[] fieldOf = [];
    private readonly (int Start, int Length)[] fields;
    private byte[] buffer;
    private byte[] scratch;
    private int start;
    private int end;
    private bool endOfStream;
    private byte separator = (byte)'\t';
    private int maxColumn = -1;
    private bool? json;
    private int lineOffset;

    public ZeekLogReader(Stream stream, IReadOnlyList<string> wantedFields, IReadOnlyList<string>? defaultFields)
    {
        this.stream = stream;
        wanted = [.. wantedFields.Select(Encoding.ASCII.GetBytes)];
        columnOf = new int[wanted.Length];
        fields = new (int, int)[wanted.Length];
        buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        scratch = ArrayPool<byte>.Shared.Rent(BufferSize);
        Bind(defaultFields ?? []);
    }

    /// <summary>The #path header, when there was one.</summary>
    public string? Path { get; private set; }

    public long Rows { get; private set; }

    public long Skipped { get; private set; }

    /// <summary>Bytes consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>True when a #fields header (or a JSON object) named the columns; false for headerless TSV.</summary>
    public bool HasHeader { get; private set; }

    /// <summary>The next data row. Fields not in the log are unset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(out ZeekRow row)
    {
        row = default;
        while (TryLine(out var line))
        {
            if (line.Length == 0)
            {
                continue;
            }

            json ??= line[0] == (byte)'{';
            if (line[0] == (byte)'#')
            {
                Header(line);
                continue;
            }

            var parsed = json.Value ? JsonRow(line) : TsvRow(line);
            if (!parsed)
            {
                Skipped++;
                continue;
            }

            Rows++;
            row = new ZeekRow(json.Value ? scratch : buffer, fields);
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TsvRow(ReadOnlySpan<byte> line)
    {
        if (maxColumn < 0)
        {
            return false;
        }

        var lineStart = lineOffset;
        var fields = this.fields;
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = (-1, 0);
        }

        // One pass over the line, 32 bytes at a time: the separators of a chunk as a bit mask, then a column per bit.
        var fieldOf = this.fieldOf;
        var separators = Vector256.Create(separator);
        var column = 0;
        var position = 0;
        var chunk = 0;
        for (; chunk + 32 <= line.Length; chunk += 32)
        {
            var mask = Vector256.Equals(Vector256.Create(line.Slice(chunk, 32)), separators).ExtractMostSignificantBits();
            while (mask != 0)
            {
                var end = chunk + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                if (EndColumn(column++, position, end, lineStart, fieldOf, fields))
                {
                    return true;
                }

                position = end + 1;
            }
        }

        for (var end = chunk; end < line.Length; end++)
        {
            if (line[end] == separator)
            {
                if (EndColumn(column++, position, end, lineStart, fieldOf, fields))
                {
                    return true;
                }

                position = end + 1;
            }
        }

        EndColumn(column, position, line.Length, lineStart, fieldOf, fields);
        return true;
    }

    /// <summary>Records column <paramref name="column"/> (from <paramref name="start"/> to <paramref name="end"/>) when wanted; true when no later column is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EndColumn(int column, int start, int end, int lineStart, int[] fieldOf, (int Start, int Length)[] fields)
    {
        if (column >= fieldOf.Length)
        {
            return true;
        }

        var field = fieldOf[column];
        if (field >= 0)
        {
            fields[field] = (lineStart + start, end - start);
        }

        return column == fieldOf.Length - 1;
    }

    private bool JsonRow(ReadOnlySpan<byte> line)
    {
        HasHeader = true;
        Array.Fill(fields, (-1, 0));
        var used = 0;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = -1;
                for (var i = 0; i < wanted.Length; i++)
                {
                    if (reader.ValueTextEquals(wanted[i]))
                    {
                        index = i;
                        break;
                    }
                }

                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                if (index < 0 || reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                var value = reader.ValueSpan;
                if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
                {
                    var written = reader.CopyString(scratch.AsSpan(used));
                    fields[index] = (used, written);
                    used += written;
                }
                else if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    scratch[used] = reader.TokenType == JsonTokenType.True ? (byte)'T' : (byte)'F';
                    fields[index] = (used++, 1);
                }
                else
                {
                    value.CopyTo(scratch.AsSpan(used));
                    fields[index] = (used, value.Length);
                    used += value.Length;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void Header(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("#separator "u8))
        {
            var value = Encoding.ASCII.GetString(line["#separator ".Length..]);
            if (value.StartsWith("\\x", StringComparison.Ordinal) && value.Length == 4 && byte.TryParse(value.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                separator = b;
            }
            else if (value.Length == 1)
            {
                separator = (byte)value[0];
            }
        }
        else if (line.StartsWith("#fields"u8) && line.Length > 8)
        {
            var names = Encoding.ASCII.GetString(line[8..]).Split((char)separator);
            Bind(names);
            HasHeader = true;
        }
        else if (line.StartsWith("#path"u8) && line.Length > 6)
        {
            Path = Encoding.ASCII.GetString(line[6..]).Trim();
        }
    }

    private void Bind(IReadOnlyList<string> names)
    {
        maxColumn = -1;
        for (var i = 0; i < wanted.Length; i++)
        {
            columnOf[i] = -1;
            for (var column = 0; column < names.Count; column++)
            {
                if (wanted[i].AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(names[column])))
                {
                    columnOf[i] = column;
                    maxColumn = Math.Max(maxColumn, column);
                    break;
                }
            }
        }

        fieldOf = new int[maxColumn + 1];
        Array.Fill(fieldOf, -1);
        for (var i = 0; i < wanted.Length; i++)
        {
            if (columnOf[i] >= 0)
            {
                fieldOf[columnOf[i]] = i;
            }
        }
    }

    /// <summary>The next line without its terminator; a line longer than the buffer is skipped whole.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryLine(out ReadOnlySpan<byte> line)
    {
        line = default;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                lineOffset = start;
                line = buffer.AsSpan(start, newline);
                if (line.Length > 0 && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                start += newline + 1;
                Position += newline + 1;
                return true;
            }

            if (endOfStream)
            {
                if (start == end)
                {
                    return false;
                }

                lineOffset = start;
                line = buffer.AsSpan(start, end - start);
                Position += end - start;
                start = end;
                return true;
            }

            if (start == 0 && end == buffer.Length)
            {
                // No newline in a whole buffer: skip to the next newline.
                Skipped++;
                Position += end;
                start = end = 0;
                SkipToNewline();
                continue;
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            var n = stream.Read(buffer, end, buffer.Length - end);
            if (n == 0)
            {
                endOfStream = true;
            }

            end += n;
        }
    }

    private void SkipToNewline()
    {
        while (true)
        {
            var n = stream.Read(buffer, 0, buffer.Length);
            if (n == 0)
            {
                endOfStream = true;
                return;
            }

            var newline = buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                start = newline + 1;
                end = n;
                Position += newline + 1;
                return;
            }

            Position += n;
        }
    }

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(scratch);
            buffer = scratch = [];
        }
    }
}

/// <summary>One row: the wanted fields in the order they were asked for.</summary>
public readonly ref struct ZeekRow(byte[] source, ReadOnlySpan<(int Start, int Length)> fields)
{
    private readonly ReadOnlySpan<(int Start, int Length)> fields = fields;

    /// <summary>The raw field, empty when unset ("-"), absent or the empty set "(empty)".</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var (s, length) = fields[index];
            if (s < 0)
            {
                return default;
            }

            var value = source.AsSpan(s, length);
            return value.SequenceEqual("-"u8) || value.SequenceEqual("(empty)"u8) ? default : value;
        }
    }

    public string? Text(int index)
    {
        var value = this[index];
        return value.IsEmpty ? null : Encoding.UTF8.GetString(value);
    }
}
