namespace Castellan.Domain.Mappings;

/// <summary>
/// How a source requirement relates to a target requirement (direction matters). The first five follow NIST IR 8477
/// (set theory relationship mapping); <see cref="Refines"/> and <see cref="Supplements"/> are Castellan's OT extensions.
/// </summary>
public enum Relationship
{
    Equal,

    /// <summary>The source is contained in the target: the target asks for more.</summary>
    SubsetOf,

    /// <summary>The source contains the target: the target asks for less.</summary>
    SupersetOf,

    Intersects,

    /// <summary>The target is the OT-specific, more demanding form of the source.</summary>
    Refines,

    /// <summary>The target adds what the source does not address.</summary>
    Supplements,

    /// <summary>No counterpart (an IT-only control, an OT-specific requirement).</summary>
    NoRelationship,
}

public static class RelationshipNames
{
    public static string ToWire(this Relationship relationship) => relationship switch
    {
        Relationship.Equal => "equal",
        Relationship.SubsetOf => "subset-of",
        Relationship.SupersetOf => "superset-of",
        Relationship.Intersects => "intersects",
        Relationship.Refines => "refines",
        Relationship.Supplements => "supplements",
        Relationship.NoRelationship => "no-relationship",
    };

    public static bool TryParse(string? text, out Relationship relationship) => WireNames.TryParse(text, ToWire, out relationship);

    /// <summary>The relationship seen from the target's side (the derived reverse view; never stored).</summary>
    public static string ReverseWire(this Relationship relationship) => relationship switch
    {
        Relationship.Equal => "equal",
        Relationship.SubsetOf => "superset-of",
        Relationship.SupersetOf => "subset-of",
        Relationship.Intersects => "intersects",
        Relationship.Refines => "refined-by",
        Relationship.Supplements => "supplemented-by",
        Relationship.NoRelationship => "no-relationship",
    };

    public static string AllWireNames => string.Join(", ", Enum.GetValues<Relationship>().Select(r => r.ToWire()));
}
