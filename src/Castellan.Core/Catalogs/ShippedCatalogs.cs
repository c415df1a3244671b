using System.Reflection;
using System.Security.Cryptography;
using Castellan.Core.Common;
using Castellan.Core.GapAnalysis;
using Castellan.Domain.GapAnalysis;
using Castellan.Core.Mappings;
using Castellan.Domain.Catalogs;
using Castellan.Domain.Mappings;

namespace Castellan.Core.Catalogs;

/// <summary>
/// The standards and mapping sets shipped in catalogs/, embedded in this assembly. Hashing the files is cheap;
/// parsing them happens only when a database must be (re)seeded or a test asks.
/// </summary>
public sealed class ShippedCatalogs
{
    private const string CatalogPrefix = "catalogs/";
    private const string MappingPrefix = "catalogs/mappings/";
    private const string GuidancePrefix = "catalogs/guidance/";

    private static readonly Lazy<ShippedCatalogs> Loaded = new(Load);

    private ShippedCatalogs(IReadOnlyList<Catalog> catalogs, IReadOnlyList<MappingSet> mappingSets, IReadOnlyList<TailoringNote> tailoringNotes)
    {
        Catalogs = catalogs;
        MappingSets = mappingSets;
        TailoringNotes = tailoringNotes;
    }

    public IReadOnlyList<Catalog> Catalogs { get; }

    public IReadOnlyList<MappingSet> MappingSets { get; }

    /// <summary>OT tailoring notes for the gap analysis (catalogs/guidance/ot-tailoring.yaml).</summary>
    public IReadOnlyList<TailoringNote> TailoringNotes { get; }

    /// <summary>Only the tailoring notes: the gap analysis needs them on every run, without parsing every catalog.</summary>
    public static IReadOnlyList<TailoringNote> LoadTailoringNotes() =>
        [.. ResourceNames().Where(n => n.StartsWith(GuidancePrefix, StringComparison.Ordinal))
            .SelectMany(n => TailoringYaml.Read(YamlFile.LoadMap(n, ReadText(n))))];

    public static ShippedCatalogs Instance => Loaded.Value;

    /// <summary>One hash over every shipped file: the database stores it and reseeds only when it changes.</summary>
    public static string ContentHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        // What the seed writes besides the files (the tailoring notes as a setting since this was added): a database
        // seeded by a build that wrote less is reseeded.
        sha.AppendData("seed: tailoring notes setting\n"u8);
        foreach (var name in ResourceNames())
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            using var stream = Assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            sha.AppendData(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        return Sha256Hex.Digits(sha.GetHashAndReset());
    }

    public Catalog? Find(CatalogId id) => Catalogs.FirstOrDefault(c => c.Id == id);

    private static Assembly Assembly => typeof(ShippedCatalogs).Assembly;

    private static string[] ResourceNames()
    {
        var names = Array.FindAll(Assembly.GetManifestResourceNames(), n => n.StartsWith(CatalogPrefix, StringComparison.Ordinal));
        Array.Sort(names, TextOrder.Ordinal);
        return names;
    }

    private static ShippedCatalogs Load()
    {
        var catalogs = new List<Catalog>();
        var mappingFiles = new List<YamlMap>();
        foreach (var name in ResourceNames().Where(n => !n.StartsWith(GuidancePrefix, StringComparison.Ordinal)))
        {
            var root = YamlFile.LoadMap(name, ReadText(name));
            if (name.StartsWith(MappingPrefix, StringComparison.Ordinal))
            {
                mappingFiles.Add(root);
            }
            else
            {
                catalogs.Add(CatalogYaml.Read(root, CatalogOrigin.Shipped));
            }
        }

        var duplicate = catalogs.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InputException($"catalogs: two shipped catalogs use the id '{duplicate.Key}'");
        }

        var mappingSets = mappingFiles.Select(f => MappingSetYaml.Read(f, id => catalogs.FirstOrDefault(c => c.Id == id))).ToList();
        return new ShippedCatalogs(catalogs, mappingSets, LoadTailoringNotes());
    }

    private static string ReadText(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
