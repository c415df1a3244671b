using Castellan.Core.Common;
using Castellan.Core.Common.Tables;
using Castellan.Domain.Assets;
using Castellan.Domain.Zones;
using Castellan.Domain.Zones.Rules;

namespace Castellan.Core.Assets;

/// <summary>
/// Merges an asset inventory (CSV or XLSX, header names as people write them) into a workspace. An inventory row is
/// matched to an asset by id (or, without an id column, by its name as an id), else by IP address, else by MAC address; a value in the inventory replaces the asset's,
/// an empty cell leaves it alone; unmatched rows become new assets, placed in the zone whose network holds their
/// address when the inventory names none. All or nothing: one bad row refuses the whole inventory. Idempotent:
/// merging the same inventory twice changes nothing the second time.
/// </summary>
public static class MergeInventory
{
    public sealed record Outcome(Workspace Workspace, int Added, int Updated, int Unchanged)
    {
        /// <summary>What happened to each inventory row, in row order (refused rows only come from <see cref="Preview"/>).</summary>
        public IReadOnlyList<RowOutcome> Rows { get; init; } = [];

        public IEnumerable<RowOutcome> Refused => Rows.Where(r => r.Change == RowChange.Refused);
    }

    public static Outcome Run(Workspace workspace, string file, byte[] content, IProgress<WorkProgress>? progress = null)
    {
        var outcome = Preview(workspace, file, content, progress);
        var errors = outcome.Refused.Select(r => $"row {r.Row}: {r.Reason}").ToList();
        if (errors.Count > 0)
        {
            throw InputException.At(file, null, $"{errors.Count} row(s) refused, nothing merged: {string.Join("; ", errors.Take(10))}{(errors.Count > 10 ? "; …" : "")}");
        }

        return outcome;
    }

    /// <summary>
    /// What merging the inventory would do, row by row, without refusing the whole file for bad rows: refused rows
    /// are listed with their reason (and <see cref="Run(Workspace, string, byte[], IProgress{WorkProgress})"/> would refuse the file).
    /// </summary>
    public static Outcome Preview(Workspace workspace, string file, byte[] content, IProgress<WorkProgress>? progress = null)
    {
        progress?.Report(new WorkProgress(Steps.Reading, 0, 0));
        IReadOnlyList<SheetRow> rows = content.AsSpan().StartsWith("PK\x03\x04"u8)
            ? XlsxTable.Read(file, content)
            : CsvTable.Read(file, content, InventoryColumns.HeaderScore).Rows;
        var headerIndex = rows.Take(20).Select((r, i) => (Score: InventoryColumns.HeaderScore(r.Cells), i)).Where(x => x.Score > 0).Select(x => (int?)x.i).FirstOrDefault()
            ?? throw InputException.At(file, null, "no header row with an id, name or IP column and at least one more (e.g. 'Hostname', 'IP address', 'Vendor')");
        var header = rows[headerIndex];
        var columns = new Dictionary<InventoryField, int>();
        for (var c = 0; c < header.Cells.Count; c++)
        {
            if (InventoryColumns.Recognise(header.Cells[c]) is { } field)
            {
                columns.TryAdd(field, c);
            }
        }

        var zones = workspace.Zones.Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        var refused = new List<RowOutcome>();
        var items = new List<(int Row, InventoryItem Item)>();
        var data = rows.Skip(headerIndex + 1).Where(r => !r.IsBlank).ToList();
        var checkedRows = 0;
        foreach (var row in data)
        {
            WorkProgress.Report(progress, Steps.Checking, ++checkedRows, data.Count);
            string? Cell(InventoryField f) => columns.TryGetValue(f, out var c) && row.Cell(c).Trim() is { Length: > 0 } v ? v : null;
            var error = ReadRow(Cell, zones, out var incoming);
            if (error is not null)
            {
                refused.Add(new RowOutcome(row.Number, Cell(InventoryField.Id) ?? Cell(InventoryField.Name), RowChange.Refused, error));
            }
            else
            {
                items.Add((row.Number, incoming!));
            }
        }

        var outcome = Merge(workspace, items, progress);
        return outcome with { Rows = [.. outcome.Rows.Concat(refused).OrderBy(r => r.Row)] };
    }

    /// <summary>The steps <see cref="Preview"/> reports, in order.</summary>
    public static class Steps
    {
        public const string Reading = "reading the file";
        public const string Checking = "checking rows";
        public const string Matching = "matching rows with assets";
    }

    /// <summary>Merges items that do not come from a file (e.g. devices found by passive discovery).</summary>
    public static Outcome Run(Workspace workspace, IReadOnlyList<InventoryItem> items)
    {
        var outcome = Merge(workspace, [.. items.Select((item, i) => (i + 1, item))]);
        var conflicts = outcome.Refused.Select(r => $"row {r.Row}: {r.Reason}").ToList();
        return conflicts.Count == 0 ? outcome : throw new InputException($"{conflicts.Count} item(s) refused, nothing merged: {string.Join("; ", conflicts.Take(10))}");
    }

    private static Outcome Merge(Workspace workspace, IReadOnlyList<(int Row, InventoryItem Item)> items, IProgress<WorkProgress>? progress = null)
    {
        var assets = workspace.Assets.ToList();
        var byId = assets.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var byIp = new Dictionary<IpAddress, int>();
        var byMac = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < assets.Count; i++)
        {
            assets[i].Ips.ToList().ForEach(ip => byIp.TryAdd(ip, i));
            assets[i].Macs.ToList().ForEach(mac => byMac.TryAdd(mac, i));
        }

        var networks = new NetworkIndex(workspace.Zones);
        var rows = new List<RowOutcome>();
        int added = 0, updated = 0, unchanged = 0;
        var matched = 0;
        foreach (var (number, incoming) in items)
        {
            WorkProgress.Report(progress, Steps.Matching, ++matched, items.Count);
            var index = incoming.Id is { } id && byId.TryGetValue(id, out var i1) ? i1
                : incoming.Id is null && incoming.Name is { } name && byId.TryGetValue(Slug(name), out var i0) ? i0
                : incoming.Ips.Select(ip => byIp.TryGetValue(ip, out var i2) ? (int?)i2 : null).FirstOrDefault(i => i is not null)
                ?? incoming.Macs.Select(m => byMac.TryGetValue(m, out var i3) ? (int?)i3 : null).FirstOrDefault(i => i is not null);
            if (index is { } existing)
            {
                var merged = Merge(assets[existing], incoming);
                var before = assets[existing];
                if (merged with { Ips = before.Ips, Macs = before.Macs } == before && merged.Ips.SequenceEqual(before.Ips) && merged.Macs.SequenceEqual(before.Macs))
                {
                    unchanged++;
                    rows.Add(new RowOutcome(number, before.Id, RowChange.Unchanged, null));
                }
                else
                {
                    assets[existing] = merged;
                    updated++;
                    rows.Add(new RowOutcome(number, before.Id, RowChange.Changed, null));
                }

                continue;
            }

            var newId = incoming.Id ?? Slug(incoming.Name ?? incoming.Ips[0].ToString());
            if (byId.ContainsKey(newId))
            {
                rows.Add(new RowOutcome(number, newId, RowChange.Refused, $"a new asset would take the id '{newId}', which another asset has; give the row an id"));
                continue;
            }

            var zone = incoming.Zone ?? incoming.Ips.SelectMany(networks.ZonesOf).Distinct(StringComparer.Ordinal).SingleOrDefaultIfMany();
            var asset = new Asset
            {
                Id = newId,
                Name = incoming.Name ?? newId,
                Type = incoming.Type ?? AssetType.Other,
                Vendor = incoming.Vendor,
                Model = incoming.Model,
                Firmware = incoming.Firmware,
                Ips = incoming.Ips,
                Macs = incoming.Macs,
                Zone = zone,
                Notes = incoming.Notes,
            };
            byId[newId] = assets.Count;
            asset.Ips.ToList().ForEach(ip => byIp.TryAdd(ip, assets.Count));
            asset.Macs.ToList().ForEach(mac => byMac.TryAdd(mac, assets.Count));
            assets.Add(asset);
            added++;
            rows.Add(new RowOutcome(number, newId, RowChange.Added, null));
        }

        return new Outcome(workspace with { Assets = assets }, added, updated, unchanged) { Rows = rows };
    }

    private static string? ReadRow(Func<InventoryField, string?> cell, HashSet<string> zones, out InventoryItem? incoming)
    {
        incoming = null;
        var ips = new List<IpAddress>();
        foreach (var text in (cell(InventoryField.Ip) ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IpAddress.TryParse(text, out var ip))
            {
                return $"'{text}' is not an IP address";
            }

            ips.Add(ip);
        }

        var macs = new List<string>();
        foreach (var text in (cell(InventoryField.Mac) ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var mac = text.ToLowerInvariant().Replace('-', ':');
            if (mac.Split(':') is not { Length: 6 } parts || !parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit)))
            {
                return $"'{text}' is not a MAC address";
            }

            macs.Add(mac);
        }

        var id = cell(InventoryField.Id);
        if (id is not null && !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return $"id '{id}' may hold only letters, digits, '-', '_', '.'";
        }

        var zone = cell(InventoryField.Zone);
        if (zone is not null && !zones.Contains(zone))
        {
            return $"unknown zone '{zone}'";
        }

        if (id is null && cell(InventoryField.Name) is null && ips.Count == 0)
        {
            return "no id, name or IP address: nothing identifies the asset";
        }

        incoming = new InventoryItem(id, cell(InventoryField.Name), ParseType(cell(InventoryField.Type)), cell(InventoryField.Vendor), cell(InventoryField.Model),
            cell(InventoryField.Firmware), ips, macs, zone, cell(InventoryField.Notes));
        return null;
    }

    private static Asset Merge(Asset asset, InventoryItem row) => asset with
    {
        Name = row.Name ?? asset.Name,
        Type = row.Type ?? asset.Type,
        Vendor = row.Vendor ?? asset.Vendor,
        Model = row.Model ?? asset.Model,
        Firmware = row.Firmware ?? asset.Firmware,
        Ips = [.. asset.Ips.Union(row.Ips)],
        Macs = [.. asset.Macs.Union(row.Macs, StringComparer.Ordinal)],
        Zone = row.Zone ?? asset.Zone,
        Notes = row.Notes ?? asset.Notes,
    };

    /// <summary>Free-text device types as inventories write them ("PLC", "Engineering Workstation", "SIS controller").</summary>
    private static AssetType? ParseType(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var t = text.ToLowerInvariant();
        if (AssetTypeNames.TryParse(t.Replace(' ', '-'), out var exact))
        {
            return exact;
        }

        return t switch
        {
            _ when t.Contains("safety", StringComparison.Ordinal) || t.Contains("sis", StringComparison.Ordinal) => AssetType.SafetyController,
            _ when t.Contains("engineering", StringComparison.Ordinal) || t == "ews" => AssetType.EngineeringWorkstation,
            _ when t.Contains("plc", StringComparison.Ordinal) || t.Contains("controller", StringComparison.Ordinal) => AssetType.Plc,
            _ when t.Contains("hmi", StringComparison.Ordinal) || t.Contains("operator", StringComparison.Ordinal) => AssetType.Hmi,
            _ when t.Contains("rtu", StringComparison.Ordinal) => AssetType.Rtu,
            _ when t.Contains("ied", StringComparison.Ordinal) || t.Contains("relay", StringComparison.Ordinal) => AssetType.Ied,
            _ when t.Contains("historian", StringComparison.Ordinal) => AssetType.Historian,
            _ when t.Contains("scada", StringComparison.Ordinal) => AssetType.ScadaServer,
            _ when t.Contains("firewall", StringComparison.Ordinal) => AssetType.Firewall,
            _ when t.Contains("switch", StringComparison.Ordinal) => AssetType.Switch,
            _ when t.Contains("router", StringComparison.Ordinal) => AssetType.Router,
            _ when t.Contains("access point", StringComparison.Ordinal) || t == "wap" => AssetType.WirelessAccessPoint,
            _ when t.Contains("server", StringComparison.Ordinal) => AssetType.Server,
            _ when t.Contains("laptop", StringComparison.Ordinal) => AssetType.Laptop,
            _ when t.Contains("workstation", StringComparison.Ordinal) || t == "pc" => AssetType.Workstation,
            _ when t.Contains("printer", StringComparison.Ordinal) => AssetType.Printer,
            _ => AssetType.Other,
        };
    }

    private static string Slug(string text)
    {
        var slug = new string([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-')]).Trim('-');
        return slug.Length == 0 ? "asset" : slug;
    }

    private static string? SingleOrDefaultIfMany(this IEnumerable<string> zones)
    {
        var list = zones.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }
}

/// <summary>What an inventory (or discovery) says about one asset; null fields say nothing.</summary>
public sealed record InventoryItem(string? Id, string? Name, AssetType? Type, string? Vendor, string? Model, string? Firmware,
    IReadOnlyList<IpAddress> Ips, IReadOnlyList<string> Macs, string? Zone, string? Notes);

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RowChange>))]
public enum RowChange
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("added")]
    Added,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("changed")]
    Changed,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("unchanged")]
    Unchanged,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("refused")]
    Refused,
}

/// <summary>One inventory row's fate: the asset it adds or changes (or would have), or why it is refused.</summary>
public sealed record RowOutcome(int Row, string? AssetId, RowChange Change, string? Reason);
