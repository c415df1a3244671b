namespace Castellan.Domain.Catalogs;

/// <summary>
/// The name users type for a catalog, e.g. <c>iec62443-3-3-2013</c>: lower-case letters, digits and '-',
/// starting with a letter or digit, at most 64 characters.
/// </summary>
public readonly record struct CatalogId
{
    public const int MaxLength = 64;

    public CatalogId(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException(
                $"'{value}' is not a valid catalog id: use lower-case letters, digits and '-' (at most {MaxLength} characters).",
                nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && value[0] is (>= 'a' and <= 'z') or (>= '0' and <= '9')
        && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>Turns a free title into a valid id: "NIST SP 800-53 Rev 5" → "nist-sp-800-53-rev-5".</summary>
    public static CatalogId FromTitle(string title)
    {
        var chars = new List<char>(title.Length);
        foreach (var c in title.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                chars.Add(c);
            }
            else if (chars.Count > 0 && chars[^1] != '-')
            {
                chars.Add('-');
            }
        }

        var slug = new string([.. chars]).Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }

        return new CatalogId(slug.Length == 0 ? "imported-catalog" : slug);
    }

    public override string ToString() => Value;
}
