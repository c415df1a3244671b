using Castellan.Domain.Assets;

namespace Castellan.Domain.Advisories;

/// <summary>How sure a match is: a person confirms or dismisses the less certain ones.</summary>
public enum MatchConfidence
{
    /// <summary>Vendor, model (and series when the advisory names one) and firmware inside the affected versions.</summary>
    Exact,

    /// <summary>Vendor and model family match, the firmware is affected, but the advisory names a series the asset record lacks.</summary>
    ModelFamily,

    /// <summary>Vendor and model match; the asset has no firmware on record, or the advisory's version text is not comparable.</summary>
    VersionUnknown,
}

public static class MatchConfidenceNames
{
    public static string ToWire(this MatchConfidence confidence) => confidence switch
    {
        MatchConfidence.Exact => "exact",
        MatchConfidence.ModelFamily => "model-family",
        MatchConfidence.VersionUnknown => "version-unknown",
    };
}

/// <summary>One asset affected by one vulnerability of one advisory, through one product of its product tree.</summary>
public sealed record AdvisoryMatch(Asset Asset, Advisory Advisory, Vulnerability Vulnerability, AdvisoryProduct Product, MatchConfidence Confidence, string Reason);

/// <summary>
/// Matches assets against advisories through an index (vendor key → model word → products), never every asset against
/// every product: an asset only meets the products of its vendor that carry its rarest model word. A product matches
/// when every word of the asset's model is among the product's words (name, product name branch, model numbers), the
/// series agree when both name one, and the firmware is not outside the product's versions. Product status is
/// respected per vulnerability: an asset matched by a fixed or known_not_affected product (same model, firmware inside
/// its versions) is not reported for that vulnerability.
/// </summary>
public sealed class AdvisoryMatcher
{
    private readonly Dictionary<string, Dictionary<string, List<Entry>>> _index = new(StringComparer.Ordinal);

    private AdvisoryMatcher()
    {
    }

    public int ProductCount { get; private set; }

    public static AdvisoryMatcher Build(IEnumerable<Advisory> advisories)
    {
        var matcher = new AdvisoryMatcher();
        foreach (var advisory in advisories)
        {
            foreach (var product in advisory.Products)
            {
                var vendor = ProductNames.Vendor(product.Vendor);
                if (vendor.Length == 0)
                {
                    continue;
                }

                var name = ProductNames.Model(product.ProductName ?? product.Name);
                var words = new HashSet<string>(name.Tokens, StringComparer.Ordinal);
                var series = name.Series;
                foreach (var number in product.ModelNumbers)
                {
                    var key = ProductNames.Model(number);
                    words.UnionWith(key.Tokens);
                    series ??= key.Series;
                }

                var entry = new Entry(advisory, product, words, series);
                if (!matcher._index.TryGetValue(vendor, out var byWord))
                {
                    matcher._index[vendor] = byWord = new(StringComparer.Ordinal);
                }

                foreach (var word in words)
                {
                    if (!byWord.TryGetValue(word, out var list))
                    {
                        byWord[word] = list = [];
                    }

                    list.Add(entry);
                }

                matcher.ProductCount++;
            }
        }

        return matcher;
    }

    /// <summary>Every affected (asset, vulnerability) with its best product match, in asset then advisory order.</summary>
    public IReadOnlyList<AdvisoryMatch> Match(IEnumerable<Asset> assets)
    {
        var results = new List<AdvisoryMatch>();

        // An estate repeats a few hundred products many times: each (vendor, model, firmware) is matched once.
        var cache = new Dictionary<(string, string, string), List<Hit>>();
        foreach (var asset in assets)
        {
            if (string.IsNullOrWhiteSpace(asset.Vendor) || string.IsNullOrWhiteSpace(asset.Model))
            {
                continue;
            }

            var key = (asset.Vendor, asset.Model, asset.Firmware ?? "");
            if (!cache.TryGetValue(key, out var hits))
            {
                cache[key] = hits = Hits(ProductNames.Vendor(asset.Vendor), asset.Model, asset.Firmware);
            }

            foreach (var hit in hits)
            {
                results.Add(new AdvisoryMatch(asset, hit.Advisory, hit.Vulnerability, hit.Product, hit.Confidence, hit.Reason));
            }
        }

        return results;
    }

    private List<Hit> Hits(string vendor, string model, string? firmware)
    {
        var found = new List<Hit>();
        var assetModel = ProductNames.Model(model);
        if (assetModel.Tokens.Count == 0 || !_index.TryGetValue(vendor, out var byWord))
        {
            return found;
        }

        List<Entry>? candidates = null;
        foreach (var token in assetModel.Tokens)
        {
            if (!byWord.TryGetValue(token, out var list))
            {
                return found;
            }

            if (candidates is null || list.Count < candidates.Count)
            {
                candidates = list;
            }
        }

        var products = new List<(Entry Entry, MatchConfidence Confidence, bool? Inside)>();
        foreach (var entry in candidates!)
        {
            if (!assetModel.Tokens.All(entry.Words.Contains) || (entry.Series is not null && assetModel.Series is not null && entry.Series != assetModel.Series))
            {
                continue;
            }

            var inside = entry.Product.Versions.Contains(firmware);
            if (inside == false)
            {
                products.Add((entry, MatchConfidence.Exact, false));
                continue;
            }

            var confidence = inside is null ? MatchConfidence.VersionUnknown
                : entry.Series is not null && assetModel.Series is null ? MatchConfidence.ModelFamily : MatchConfidence.Exact;
            products.Add((entry, confidence, inside));
        }

        foreach (var advisory in products.GroupBy(p => p.Entry.Advisory))
        {
            foreach (var vulnerability in advisory.Key.Vulnerabilities)
            {
                if (Best(vulnerability, advisory, firmware, model) is { } hit)
                {
                    found.Add(hit);
                }
            }
        }

        return found;
    }

    private static Hit? Best(Vulnerability vulnerability, IEnumerable<(Entry Entry, MatchConfidence Confidence, bool? Inside)> products, string? firmware, string model)
    {
        (Entry Entry, MatchConfidence Confidence)? best = null;
        foreach (var (entry, confidence, inside) in products)
        {
            if (!vulnerability.Status.TryGetValue(entry.Product.ProductId, out var status))
            {
                continue;
            }

            switch (status)
            {
                case ProductStatus.Fixed or ProductStatus.NotAffected:
                    var versions = vulnerability.FirstFixed.Contains(entry.Product.ProductId) ? entry.Product.Versions.FromHereOn() : entry.Product.Versions;
                    if (versions.Contains(firmware) == true && !versions.IsAll || (versions.IsAll && status == ProductStatus.NotAffected))
                    {
                        return null;
                    }

                    break;
                case ProductStatus.Affected when inside != false && (best is null || confidence < best.Value.Confidence):
                    best = (entry, confidence);
                    break;
                default:
                    break;
            }
        }

        if (best is not { } chosen)
        {
            return null;
        }

        var product = chosen.Entry.Product;
        var version = chosen.Confidence == MatchConfidence.VersionUnknown
            ? firmware is null ? "no firmware on record" : $"firmware {firmware} not comparable with '{product.Versions}'"
            : product.Versions.IsAll ? "all versions affected" : $"firmware {firmware} in '{product.Versions}'";
        var series = chosen.Confidence == MatchConfidence.ModelFamily ? $"; the advisory names series {chosen.Entry.Series}, the asset record none" : "";
        var reason = $"vendor {product.Vendor}; model {model} in '{product.Name}' ({product.ProductId}); {version}{series}";
        return new Hit(chosen.Entry.Advisory, vulnerability, product, chosen.Confidence, reason);
    }

    private sealed record Entry(Advisory Advisory, AdvisoryProduct Product, HashSet<string> Words, string? Series);

    private sealed record Hit(Advisory Advisory, Vulnerability Vulnerability, AdvisoryProduct Product, MatchConfidence Confidence, string Reason);
}
