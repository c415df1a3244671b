using System.Text.RegularExpressions;

namespace Castellan.Domain.Advisories;

/// <summary>A comparison in a version range: "&lt;= 10.10", "&gt;= V2.0", "= 4.3", or an exact version with a wildcard ("4.3.x").</summary>
public readonly record struct VersionConstraint(string Operator, VersionNumber Version, bool Wildcard = false)
{
    public bool IsLower => Operator is ">" or ">=";

    public bool IsUpper => Operator is "<" or "<=";

    public bool Admits(VersionNumber version)
    {
        var order = version.CompareTo(Version);
        return Operator switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            ">=" => order >= 0,
            "!=" => order != 0,
            _ => Wildcard ? version.StartsWith(Version) : order == 0,
        };
    }
}

/// <summary>
/// The versions a product entry covers, read from a CSAF product_version or product_version_range branch name: a
/// <c>vers:</c> range (https://github.com/package-url/purl-spec VERS: <c>vers:generic/&gt;=1.0|&lt;2.0</c>,
/// <c>vers:all/*</c>), a plain expression ("&lt;= 10.10", "&gt;= V2.0 &lt; V3.1", "All versions &lt; V2.9"), one exact
/// version ("4.3", "4.3.x") or alternatives ("1.2 | 1.4"). A text none of these describe ("the first 9 digits of the
/// serial number") is <see cref="IsUnknown"/>: it never excludes an asset, the match is "version unknown".
/// </summary>
public sealed partial class VersionRange
{
    private readonly VersionConstraint[] _constraints;

    private VersionRange(string text, bool all, bool unknown, VersionConstraint[] constraints)
    {
        Text = text;
        IsAll = all;
        IsUnknown = unknown;
        _constraints = constraints;
    }

    public static VersionRange All { get; } = new("*", all: true, unknown: false, []);

    public static VersionRange Unknown { get; } = new("", all: false, unknown: true, []);

    public string Text { get; }

    /// <summary>Every version (vers:all/*, "All versions").</summary>
    public bool IsAll { get; }

    public bool IsUnknown { get; }

    public IReadOnlyList<VersionConstraint> Constraints => _constraints;

    /// <summary>Reads a product_version or product_version_range branch name.</summary>
    public static VersionRange Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Unknown;
        }

        var body = text.Trim();
        if (body.StartsWith("vers:", StringComparison.OrdinalIgnoreCase))
        {
            var slash = body.IndexOf('/', StringComparison.Ordinal);
            body = slash < 0 ? "" : body[(slash + 1)..].Trim();
        }

        body = AllVersions().Replace(body, "").Trim();
        if (body is "" or "*")
        {
            return new VersionRange(text, all: true, unknown: false, []);
        }

        var constraints = new List<VersionConstraint>();
        foreach (var part in body.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var comparisons = Comparison().Matches(part);
            if (comparisons.Count == 0)
            {
                var wildcard = part.EndsWith(".x", StringComparison.OrdinalIgnoreCase) || part.EndsWith(".*", StringComparison.Ordinal);
                var exact = VersionNumber.TryParse(wildcard ? part[..^2] : part);
                if (exact is null)
                {
                    return new VersionRange(text, all: false, unknown: true, []);
                }

                constraints.Add(new VersionConstraint("=", exact, wildcard));
                continue;
            }

            foreach (Match m in comparisons)
            {
                var version = VersionNumber.TryParse(m.Groups["v"].Value);
                if (version is null)
                {
                    return new VersionRange(text, all: false, unknown: true, []);
                }

                constraints.Add(new VersionConstraint(m.Groups["op"].Value, version));
            }
        }

        return new VersionRange(text, all: false, unknown: constraints.Count == 0, [.. constraints]);
    }

    /// <summary>A first_fixed product: this version and every later one.</summary>
    public VersionRange FromHereOn() =>
        _constraints is [{ Operator: "=" } only] ? new VersionRange(">= " + only.Version, all: false, unknown: false, [only with { Operator = ">=", Wildcard = false }]) : this;

    /// <summary>
    /// True when the version is inside, false when it is outside, null when that cannot be told (no version, or a range
    /// text that is not a version expression). Lower and upper bounds pair up in order (vers: "&gt;=1|&lt;2|&gt;=3|&lt;4" is two intervals);
    /// an unpaired bound is open on its other side; an exact version matches itself.
    /// </summary>
    public bool? Contains(string? version)
    {
        if (IsAll)
        {
            return true;
        }

        if (IsUnknown || VersionNumber.TryParse(version) is not { } v)
        {
            return null;
        }

        for (var i = 0; i < _constraints.Length; i++)
        {
            var c = _constraints[i];
            if (c.IsLower && i + 1 < _constraints.Length && _constraints[i + 1].IsUpper)
            {
                if (c.Admits(v) && _constraints[i + 1].Admits(v))
                {
                    return true;
                }

                i++;
            }
            else if (c.Admits(v) && !(c.Operator == "!="))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^all\s+versions\b", RegexOptions.IgnoreCase)]
    private static partial Regex AllVersions();

    [GeneratedRegex(@"(?<op><=|>=|!=|<|>|=)\s*(?<v>[^<>=!|\s]+(?:\s+(?:SP|HF|Update|Build|Patch|R|Rev)\s*\d+)*)", RegexOptions.IgnoreCase)]
    private static partial Regex Comparison();
}
