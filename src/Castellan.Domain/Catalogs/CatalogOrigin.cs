namespace Castellan.Domain.Catalogs;

public enum CatalogOrigin
{
    /// <summary>Shipped with Castellan (catalogs/*.yaml), seeded into every database.</summary>
    Shipped,

    /// <summary>Imported by a user (e.g. an OSCAL catalog).</summary>
    Imported,
}
