namespace Castellan.Core.Assets;

/// <summary>The columns of an asset inventory, recognised under the names people give them.</summary>
internal enum InventoryField
{
    Id,
    Name,
    Type,
    Vendor,
    Model,
    Firmware,
    Ip,
    Mac,
    Zone,
    Notes,
}

internal static class InventoryColumns
{
    private static readonly Dictionary<string, InventoryField> Names = new(StringComparer.Ordinal)
    {
        ["id"] = InventoryField.Id, ["assetid"] = InventoryField.Id, ["tag"] = InventoryField.Id, ["assettag"] = InventoryField.Id,
        ["name"] = InventoryField.Name, ["hostname"] = InventoryField.Name, ["devicename"] = InventoryField.Name, ["assetname"] = InventoryField.Name, ["device"] = InventoryField.Name,
        ["type"] = InventoryField.Type, ["devicetype"] = InventoryField.Type, ["assettype"] = InventoryField.Type, ["category"] = InventoryField.Type, ["role"] = InventoryField.Type,
        ["vendor"] = InventoryField.Vendor, ["manufacturer"] = InventoryField.Vendor, ["make"] = InventoryField.Vendor,
        ["model"] = InventoryField.Model, ["product"] = InventoryField.Model, ["productname"] = InventoryField.Model, ["partnumber"] = InventoryField.Model, ["catalognumber"] = InventoryField.Model,
        ["firmware"] = InventoryField.Firmware, ["firmwareversion"] = InventoryField.Firmware, ["version"] = InventoryField.Firmware, ["fw"] = InventoryField.Firmware, ["revision"] = InventoryField.Firmware,
        ["ip"] = InventoryField.Ip, ["ipaddress"] = InventoryField.Ip, ["ipv4"] = InventoryField.Ip, ["ipaddresses"] = InventoryField.Ip, ["address"] = InventoryField.Ip,
        ["mac"] = InventoryField.Mac, ["macaddress"] = InventoryField.Mac,
        ["zone"] = InventoryField.Zone, ["securityzone"] = InventoryField.Zone,
        ["notes"] = InventoryField.Notes, ["comments"] = InventoryField.Notes, ["remarks"] = InventoryField.Notes, ["description"] = InventoryField.Notes,
    };

    public static InventoryField? Recognise(string header)
    {
        var key = new string([.. header.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return Names.TryGetValue(key, out var field) ? field : null;
    }

    /// <summary>How well a row reads as the header: the number of distinct recognised columns, 0 without a name, IP or id column.</summary>
    public static int HeaderScore(IReadOnlyList<string> cells)
    {
        var fields = cells.Select(Recognise).OfType<InventoryField>().Distinct().ToList();
        return fields.Any(f => f is InventoryField.Id or InventoryField.Name or InventoryField.Ip) && fields.Count >= 2 ? fields.Count : 0;
    }
}
