using System.Globalization;
using System.Text;

namespace Castellan.Core.Advisories;

/// <summary>
/// Where a value sits in a JSON document ("/vulnerabilities/0/scores/1"), kept as a link to its parent and formatted
/// only when a problem is reported. The checks visit every item of every document; formatting each item's path up
/// front cost more than the checks themselves, and nearly every document passes.
/// </summary>
internal sealed class JsonPath
{
    private readonly JsonPath? parent;
    private readonly string? name;
    private readonly int index;

    private JsonPath(JsonPath? parent, string? name, int index) => (this.parent, this.name, this.index) = (parent, name, index);

    /// <summary>The document itself: formats as the empty string, so that its members read "/document".</summary>
    public static JsonPath Root { get; } = new(null, null, -1);

    /// <summary>The member <paramref name="member"/> of this object.</summary>
    public JsonPath Member(string member) => new(this, member, -1);

    /// <summary>Item <paramref name="at"/> of this object's array member <paramref name="member"/>.</summary>
    public JsonPath Item(string member, int at) => new(this, member, at);

    public override string ToString()
    {
        if (parent is null)
        {
            return "";
        }

        var text = new StringBuilder();
        Append(text);
        return text.ToString();
    }

    private void Append(StringBuilder text)
    {
        if (parent is null)
        {
            return;
        }

        parent.Append(text);
        text.Append('/').Append(name);
        if (index >= 0)
        {
            text.Append('/').Append(index.ToString(CultureInfo.InvariantCulture));
        }
    }
}
