using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Castellan.Core.Advisories;

/// <summary>
/// A CSAF document as the checks and the reduction to an advisory read it, built in one pass of
/// <see cref="Utf8JsonReader"/>: objects, arrays and values in document order, members with their names. Short strings
/// (ids, names, categories) are made once per document: a product id is referred to dozens of times. The content of the
/// members nothing reads (note texts, summaries, acknowledgments, revision history entries) is passed over; their kind
/// and item count are kept. A member given twice counts with its last value, as in JsonElement.TryGetProperty.
/// </summary>
/// <remarks>
/// With JsonDocument, reading and checking the 2,035 CISA advisories took 320 ms on one cold thread, this tree 235 to
/// 280: every member looked up by name scanned its object's rows through generic framework code (MemoryMarshal.Read of
/// its row struct) that has no ready-to-run code and stays unoptimised (tier 0) for the whole of a short command. This
/// tree is plain classes of this assembly, compiled ahead of time. The methods that drive the reader token by token are
/// the exception: ahead-of-time code cannot inline System.Text.Json's small members (TokenType, ValueSpan, …) across
/// assemblies, so they are compiled optimised when first called (the import's warm-up calls them on an idle core).
/// </remarks>
public sealed class CsafNode
{
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    private CsafNode? first;
    private CsafNode? next;
    private double number = double.NaN;
    private string?[]? strings;
    private bool nonEmptyPassedOver;

    [ThreadStatic]
    private static Arena? reused;

    private CsafNode(JsonValueKind kind, string? name) => (Kind, Name) = (kind, name);

    public JsonValueKind Kind { get; private set; }

    /// <summary>The member name, when this value is a member of an object.</summary>
    public string? Name { get; private set; }

    /// <summary>
    /// The number of items of an array, or of members of an object: of a container passed over, all of them; of an object
    /// read, those kept (every member where unknown ones are refused, else those something reads).
    /// </summary>
    public int Count { get; private set; }

    /// <summary>The string, when <see cref="Kind"/> is String (null for a string passed over).</summary>
    public string? Text { get; private set; }

    /// <summary>The number, when <see cref="Kind"/> is Number and a double holds it.</summary>
    public double? Number => double.IsNaN(number) ? null : number;

    /// <summary>Whether this is a string of at least one character.</summary>
    public bool IsNonEmptyString => Kind == JsonValueKind.String && (Text is { Length: > 0 } || nonEmptyPassedOver);

    /// <summary>The members of an object or the items of an array, in document order.</summary>
    public Children Values => new(Kind is JsonValueKind.Object or JsonValueKind.Array ? strings is null ? first : Transient(strings) : null);

    /// <summary>
    /// The items of an array of ids (product_ids, group_ids, products, product status, model numbers), kept as strings
    /// rather than nodes: null where an item is not a string. Null for any other array.
    /// </summary>
    public string?[]? StringItems => strings;

    /// <summary>The member <paramref name="name"/> of this object (the last one when given twice); null when absent or not an object.</summary>
    public CsafNode? Member(string name)
    {
        if (Kind != JsonValueKind.Object)
        {
            return null;
        }

        CsafNode? found = null;
        for (var member = first; member is not null; member = member.next)
        {
            if (SameName(member.Name!, name))
            {
                found = member;
            }
        }

        return found;
    }

    // Member names are made once per document, as the same string objects as the names in this assembly's code (see
    // Arena): equal names are nearly always the same object, and names of another length are told apart without a call.
    private static bool SameName(string a, string b) => ReferenceEquals(a, b) || (a.Length == b.Length && string.Equals(a, b, StringComparison.Ordinal));

    /// <summary>Reads a whole document (a JSON text with nothing after its value).</summary>
    /// <exception cref="JsonException">Not JSON, deeper than <see cref="MaxDepth"/>, or a string that is not UTF-8.</exception>
    public static CsafNode Parse(ReadOnlySpan<byte> json) => Parse(json, Shape.Full, new Arena());

    /// <summary>
    /// <see cref="Parse(ReadOnlySpan{byte})"/> into this thread's nodes and strings of the previous document: the tree
    /// is valid until the thread reads the next one (the checks of a folder of advisories made about a million nodes).
    /// <paramref name="full"/>: everything the reduction to an advisory reads; else what the checks and the header read
    /// (the texts of remediations, URLs, product and vulnerability names only checked for being non-empty strings).
    /// </summary>
    internal static CsafNode ParseReusing(ReadOnlySpan<byte> json, bool full)
    {
        var arena = reused ??= new Arena();
        arena.Reset();
        return Parse(json, full ? Shape.Full : Shape.Checked, arena);
    }

    private static CsafNode Parse(ReadOnlySpan<byte> json, Shape shape, Arena arena)
    {
        var reader = new Utf8JsonReader(json, Options);
        reader.Read();
        var root = Read(ref reader, null, shape, arena);
        if (reader.Read())
        {
            throw new JsonException("more than one JSON value");
        }

        return root;
    }

    // The value at the reader, read as far as shape says something reads it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CsafNode Read(ref Utf8JsonReader reader, string? name, Shape shape, Arena arena)
    {
        var node = arena.Node(KindOf(reader.TokenType), name);
        CsafNode? tail = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var inner = shape.Member(ref reader, arena, out var member);
                    reader.Read();
                    if (inner is null && !shape.KeepsAll)
                    {
                        reader.Skip();
                        continue;
                    }

                    Append(node, ref tail, inner is null ? PassOver(ref reader, member, arena) : Read(ref reader, member, inner, arena));
                }

                break;
            case JsonTokenType.StartArray when shape.IsIds:
                node.strings = ReadIds(ref reader, arena);
                node.Count = node.strings.Length;
                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    Append(node, ref tail, shape.Items is { } items ? Read(ref reader, null, items, arena) : PassOver(ref reader, null, arena));
                }

                break;
            case JsonTokenType.String when shape.IsFlag:
                node.nonEmptyPassedOver = Arena.CheckUtf8(ref reader);
                break;
            case JsonTokenType.String:
                node.Text = arena.Get(ref reader);
                break;
            case JsonTokenType.Number:
                node.number = reader.TryGetDouble(out var number) ? number : double.NaN;
                break;
        }

        return node;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string?[] ReadIds(ref Utf8JsonReader reader, Arena arena)
    {
        var ids = arena.Ids;
        ids.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ids.Add(reader.TokenType == JsonTokenType.String ? arena.Get(ref reader) : null);
            reader.Skip();
        }

        return ids.Count == 0 ? [] : [.. ids];
    }

    // The items of an array of ids as nodes (nothing walks them so, but Values answers for every array): a string, or
    // a value of unknown kind where the item is not a string.
    private static CsafNode? Transient(string?[] ids)
    {
        CsafNode? head = null;
        for (var i = ids.Length - 1; i >= 0; i--)
        {
            head = new CsafNode(ids[i] is null ? JsonValueKind.Undefined : JsonValueKind.String, null) { Text = ids[i], next = head };
        }

        return head;
    }

    // A value nobody reads: its kind, its number of members or items, and for a string whether it is empty.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CsafNode PassOver(ref Utf8JsonReader reader, string? name, Arena arena)
    {
        var node = arena.Node(KindOf(reader.TokenType), name);
        if (reader.TokenType == JsonTokenType.String)
        {
            node.nonEmptyPassedOver = reader.ValueSpan.Length > 0;
        }
        else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var end = reader.TokenType == JsonTokenType.StartObject ? JsonTokenType.EndObject : JsonTokenType.EndArray;
            while (reader.Read() && reader.TokenType != end)
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    reader.Read();
                }

                reader.Skip();
                node.Count++;
            }
        }

        return node;
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };

    private static void Append(CsafNode parent, ref CsafNode? tail, CsafNode child)
    {
        if (tail is null)
        {
            parent.first = child;
        }
        else
        {
            tail.next = child;
        }

        tail = child;
        parent.Count++;
    }

    /// <summary>The children of a node, walked without allocating.</summary>
    public readonly struct Children(CsafNode? first)
    {
        public Enumerator GetEnumerator() => new(first);

        public struct Enumerator(CsafNode? first)
        {
            private CsafNode? next = first;

            public CsafNode Current { get; private set; } = null!;

            public bool MoveNext()
            {
                if (next is null)
                {
                    return false;
                }

                (Current, next) = (next, next.next);
                return true;
            }
        }
    }

    /// <summary>
    /// What is read of a value: the members of an object that something reads (with what is read of each), the items of
    /// an array. Every other member is passed over, its name and kind kept (the structure check refuses unknown members,
    /// the profile tests ask whether notes are present). Strings and numbers are always read.
    /// </summary>
    private sealed class Shape
    {
        private (string Name, byte[] Utf8, Shape Shape)[] members = [];

        private Shape? anyMember;

        public Shape? Items { get; private set; }

        /// <summary>An array of ids: its items are kept as strings (<see cref="StringItems"/>).</summary>
        public bool IsIds { get; private init; }

        /// <summary>Whether the members nobody reads are kept (name and kind): objects whose unknown members are refused, or whose members are asked for.</summary>
        public bool KeepsAll { get; private init; }

        /// <summary>What the structure check, the mandatory tests, the reduction to an advisory read.</summary>
        public static Shape Full { get; } = Build(full: true);

        /// <summary>What the structure check, the mandatory tests and the advisory's header read.</summary>
        public static Shape Checked { get; } = Build(full: false);

        /// <summary>A string only checked for being non-empty: kept as that, its text not made.</summary>
        public bool IsFlag { get; private init; }

        /// <summary>Every member name the shapes know: the string objects the reading makes the document's names into.</summary>
        public static IEnumerable<string> Names => Full.AllNames().Concat(Checked.AllNames()).Distinct();

        /// <summary>
        /// What is read of the member whose name is at the reader, null when nothing is; <paramref name="name"/>: the
        /// name, the shape's own string when it is one of its members (compared as UTF-8 bytes, without a lookup).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Shape? Member(ref Utf8JsonReader reader, Arena arena, out string name)
        {
            if (!reader.ValueIsEscaped)
            {
                var bytes = reader.ValueSpan;
                foreach (var (known, utf8, shape) in members)
                {
                    if (utf8.Length == bytes.Length && bytes.SequenceEqual(utf8))
                    {
                        name = known;
                        return shape;
                    }
                }

                name = arena.Get(ref reader);
                return anyMember;
            }

            name = arena.Get(ref reader);
            foreach (var (known, _, shape) in members)
            {
                if (SameName(known, name))
                {
                    return shape;
                }
            }

            return anyMember;
        }

        private static Shape Object(params (string Name, Shape Shape)[] members) =>
            new() { members = [.. members.Select(m => (m.Name, Encoding.UTF8.GetBytes(m.Name), m.Shape))] };

        private IEnumerable<string> AllNames()
        {
            var seen = new HashSet<Shape>();
            var pending = new Stack<Shape>([this]);
            while (pending.TryPop(out var shape))
            {
                if (!seen.Add(shape))
                {
                    continue;
                }

                foreach (var (name, _, inner) in shape.members)
                {
                    yield return name;
                    pending.Push(inner);
                }

                foreach (var inner in (Shape?[])[shape.anyMember, shape.Items])
                {
                    if (inner is not null)
                    {
                        pending.Push(inner);
                    }
                }
            }
        }

        private static Shape Strict(params (string Name, Shape Shape)[] members) => new() { members = Object(members).members, KeepsAll = true };

        private static Shape Array(Shape items) => new() { Items = items };

        // What the structure check, the mandatory tests and the reduction to an advisory read (CsafStructure,
        // CsafMandatoryTests, CsafProfileTests, CsafReader.ToAdvisory).
        private static Shape Build(bool full)
        {
            var value = new Shape();
            var text = full ? value : new Shape { IsFlag = true };
            var categories = Array(Object(("category", value)));
            var ids = new Shape { IsIds = true };
            var helper = Object(("model_numbers", ids), ("cpe", value));
            var product = Object(("name", text), ("product_id", value), ("product_identification_helper", helper));
            var branch = Object(("category", value), ("name", text), ("product", product));
            branch.members = [.. branch.members, ("branches", "branches"u8.ToArray(), Array(branch))];
            var references = Object(("product_ids", ids), ("group_ids", ids));
            var cvss = Object(("version", value), ("vectorString", value), ("baseScore", value), ("baseSeverity", value));
            return Strict(
                ("document", Strict(
                    ("category", value), ("csaf_version", value), ("title", value),
                    ("publisher", Object(("category", value), ("name", value), ("namespace", value))),
                    ("tracking", Strict(("id", value), ("version", value), ("status", value), ("current_release_date", value), ("initial_release_date", value))),
                    ("notes", categories), ("references", categories))),
                ("product_tree", Strict(
                    ("branches", Array(branch)),
                    ("full_product_names", Array(product)),
                    ("relationships", Array(Object(("category", value), ("product_reference", value), ("relates_to_product_reference", value), ("full_product_name", product)))),
                    ("product_groups", Array(Object(("group_id", value), ("product_ids", ids)))))),
                ("vulnerabilities", Array(Strict(
                    ("cve", value), ("title", text),
                    ("product_status", new Shape { anyMember = ids, KeepsAll = true }),
                    ("remediations", Array(Object(("category", value), ("details", text), ("url", text), ("product_ids", ids), ("group_ids", ids)))),
                    ("scores", Array(Object(("products", ids), ("cvss_v2", cvss), ("cvss_v3", cvss)))),
                    ("threats", Array(Object(("category", value), ("product_ids", ids), ("group_ids", ids)))),
                    ("flags", Array(Object(("label", value), ("product_ids", ids), ("group_ids", ids)))),
                    ("involvements", Array(references))))));
        }
    }

    /// <summary>
    /// The nodes and strings of a document. A short string (names, ids, categories) is made once and found again by its
    /// UTF-8 bytes. Invalid UTF-8 is refused here, where JsonDocument let it through until a string was read. Reset, it
    /// hands out the nodes of the previous document again and keeps its strings (up to a limit).
    /// </summary>
    private sealed class Arena
    {
        private const int MaxShared = 64;
        private const int MaxKept = 1 << 12;

        // Nodes kept for the next document: about 10 MB; a larger document's are let go.
        private const int MaxNodesKept = 1 << 14;

        private List<CsafNode> nodes = [];
        private int used;

        public Arena() => Seed();

        /// <summary>The items of the array of ids being read.</summary>
        public List<string?> Ids { get; } = [];

        public void Reset()
        {
            used = 0;
            if (nodes.Count > MaxNodesKept)
            {
                nodes = [];
            }

            if (count > MaxKept)
            {
                (keys, values, count) = (new byte[]?[256], new string[256], 0);
                Seed();
            }
        }

        // The names the shapes know are made into those very strings: a document's "product_id" is the code's "product_id".
        private void Seed()
        {
            foreach (var name in Shape.Names)
            {
                Add(Encoding.UTF8.GetBytes(name), name);
            }
        }

        public CsafNode Node(JsonValueKind kind, string? name)
        {
            if (used == nodes.Count)
            {
                nodes.Add(new CsafNode(kind, name));
                return nodes[used++];
            }

            var node = nodes[used++];
            (node.Kind, node.Name, node.Count, node.Text, node.number, node.strings, node.first, node.next, node.nonEmptyPassedOver) =
                (kind, name, 0, null, double.NaN, null, null, null, false);
            return node;
        }

        private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private byte[]?[] keys = new byte[]?[256];
        private string[] values = new string[256];
        private int count;

        /// <summary>Whether the string at the reader is non-empty; refused when it is not UTF-8 (its text is not made).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static bool CheckUtf8(ref Utf8JsonReader reader)
        {
            var bytes = reader.ValueSpan;
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                throw new JsonException($"a string is not valid UTF-8 (byte {reader.TokenStartIndex})");
            }

            return bytes.Length > 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string Get(ref Utf8JsonReader reader)
        {
            var bytes = reader.ValueSpan;
            try
            {
                if (reader.ValueIsEscaped || reader.HasValueSequence || bytes.Length > MaxShared)
                {
                    return reader.GetString()!;
                }

                return Shared(bytes);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                throw new JsonException($"a string is not valid UTF-8 (byte {reader.TokenStartIndex})", e);
            }
        }

        private string Shared(ReadOnlySpan<byte> bytes)
        {
            var mask = keys.Length - 1;
            var slot = Hash(bytes) & mask;
            while (keys[slot] is { } key)
            {
                if (bytes.SequenceEqual(key))
                {
                    return values[slot];
                }

                slot = (slot + 1) & mask;
            }

            var text = Strict.GetString(bytes);
            Add(bytes.ToArray(), text);
            return text;
        }

        private void Add(byte[] key, string text)
        {
            var mask = keys.Length - 1;
            var slot = Hash(key) & mask;
            while (keys[slot] is { } existing && !existing.AsSpan().SequenceEqual(key))
            {
                slot = (slot + 1) & mask;
            }

            if (keys[slot] is not null)
            {
                return;
            }

            (keys[slot], values[slot]) = (key, text);
            if (++count * 2 > keys.Length)
            {
                Grow();
            }
        }

        private void Grow()
        {
            var (oldKeys, oldValues) = (keys, values);
            (keys, values) = (new byte[]?[oldKeys.Length * 2], new string[oldKeys.Length * 2]);
            var mask = keys.Length - 1;
            for (var i = 0; i < oldKeys.Length; i++)
            {
                if (oldKeys[i] is { } key)
                {
                    var slot = Hash(key) & mask;
                    while (keys[slot] is not null)
                    {
                        slot = (slot + 1) & mask;
                    }

                    (keys[slot], values[slot]) = (key, oldValues[i]);
                }
            }
        }

        // FNV-1a: the keys are short, and the table lives for one document.
        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = 2166136261u;
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 16777619u;
            }

            return (int)(hash ^ (hash >> 15)) & int.MaxValue;
        }
    }
}
