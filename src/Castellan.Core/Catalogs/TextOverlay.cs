using Castellan.Core.Common;
using Castellan.Domain.Catalogs;

namespace Castellan.Core.Catalogs;

/// <summary>
/// Licensed full texts to lay over a catalog's ids (catalogs/README.md, "Text overlays"). Castellan ships ids and
/// short titles only; an organisation with licensed copies imports the texts into its own database.
/// </summary>
public sealed record TextOverlay(CatalogId Catalog, IReadOnlyDictionary<string, string> Texts, IReadOnlyDictionary<string, int> Lines, string File)
{
    public static bool LooksLikeOverlay(YamlMap root) => root.Has("overlay");

    public static TextOverlay Read(YamlMap root)
    {
        root.RequireOnlyKeys("overlay", "texts");
        var id = root.RequiredString("overlay");
        if (!CatalogId.IsValid(id))
        {
            throw root.Error("overlay", $"'{id}' is not a valid catalog id");
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in root.MapList("texts", required: true))
        {
            var requirementId = raw.RequiredString("id");
            var entry = raw.WithContext($"id '{requirementId}'");
            entry.RequireOnlyKeys("id", "text");
            if (!texts.TryAdd(requirementId, entry.RequiredString("text")))
            {
                throw entry.Error("id", "appears twice");
            }

            lines[requirementId] = entry.Line;
        }

        return new TextOverlay(new CatalogId(id), texts, lines, root.File);
    }

    /// <summary>Refuses the whole overlay when any id is not in the catalog: nothing is applied in part.</summary>
    public void EnsureFits(CatalogId catalog, IReadOnlySet<string> ids)
    {
        foreach (var (id, _) in Texts)
        {
            if (!ids.Contains(id))
            {
                throw InputException.At(File, Lines[id], $"id '{id}' is not in catalog '{catalog}'; nothing was imported");
            }
        }
    }
}
