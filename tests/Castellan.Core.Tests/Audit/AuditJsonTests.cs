using System.Text;
using System.Text.Json;
using Castellan.Core.Audit;

namespace Castellan.Core.Tests.Audit;

/// <summary>
/// The audit chain hashes JSON written by <see cref="AuditJson"/>: it must stay byte for byte what the serializer wrote
/// when the records already stored were hashed (escaping of quotes, HTML-sensitive and non-ASCII characters included).
/// </summary>
public sealed class AuditJsonTests
{
    private static readonly string[] Samples =
        ["", "plain", "quote \" backslash \\ slash /", "<script>&'+`", "tab\tnew line\ncontrol \u0001", "é ü ß 中文 🚀", "\ud800 lone surrogate", "ICSA-18-310-02@1.0.0 ICSA-19-001-01@2"];

    [Fact]
    public void Array_IsWhatTheSerializerWrites()
    {
        string?[] values = [.. Samples, null, "after null"];
        Encoding.UTF8.GetString(AuditJson.Array(values)).ShouldBe(JsonSerializer.Serialize(values));
    }

    [Fact]
    public void Object_IsWhatTheSerializerWritesForTheDictionary()
    {
        var fields = Samples.Select((value, i) => ($"field {i} {value}", value)).ToArray();
        AuditJson.Object(fields).ShouldBe(JsonSerializer.Serialize(fields.ToDictionary(f => f.Item1, f => f.value, StringComparer.Ordinal)));
    }

    [Fact]
    public void Object_RefusesAFieldGivenTwice() =>
        Should.Throw<ArgumentException>(() => AuditJson.Object(("a", "1"), ("a", "2")));
}
