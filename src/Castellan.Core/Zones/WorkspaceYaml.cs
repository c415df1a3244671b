using System.Globalization;
using Castellan.Core.Common;
using Castellan.Domain.Assets;
using Castellan.Domain.Catalogs;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;

namespace Castellan.Core.Zones;

/// <summary>
/// Reads a workspace file (docs/workspace.md) strictly: unknown keys, bad values and broken references are refused
/// with file, line and field; the workspace is returned whole or not at all.
/// </summary>
public static class WorkspaceYaml
{
    public const int FormatVersion = 1;

    /// <summary>A workspace of 100,000 assets is about 35 MB; this leaves room for the largest estates.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public static Workspace Read(string file, string text)
    {
        var root = YamlFile.LoadMap(file, text, MaxBytes);
        root.RequireOnlyKeys("castellan", "organisation", "sites", "zones", "conduits", "assets", "suppliers", "flows", "results", "risk");
        var version = root.OptionalInt("castellan") ?? throw root.Error("castellan", $"is required: the format version ({FormatVersion})");
        if (version != FormatVersion)
        {
            throw root.Error("castellan", $"format version {version} is not supported by this Castellan (it reads {FormatVersion})");
        }

        var lines = new Dictionary<(string Kind, string Id), int>();
        T Track<T>(string kind, YamlMap map, T item, string id)
        {
            lines.TryAdd((kind, id), map.Line);
            return item;
        }

        var workspace = new Workspace
        {
            Organisation = root.RequiredString("organisation"),
            Sites = [.. root.MapList("sites", required: false).Select(m => { var s = ReadSite(m); return Track("site", m, s, s.Id); })],
            Zones = [.. root.MapList("zones", required: false).Select(m => { var z = ReadZone(m); return Track("zone", m, z, z.Id); })],
            Conduits = [.. root.MapList("conduits", required: false).Select(m => { var c = ReadConduit(m); return Track("conduit", m, c, c.Id); })],
            Assets = [.. root.MapList("assets", required: false).Select(m => { var a = ReadAsset(m); return Track("asset", m, a, a.Id); })],
            Suppliers = [.. root.MapList("suppliers", required: false).Select(m => { var s = ReadSupplier(m); return Track("supplier", m, s, s.Id); })],
            Flows = [.. root.MapList("flows", required: false).Select(m => { var f = ReadFlow(m); return Track("flow", m, f, $"{f.From}->{f.To}"); })],
            Results = [.. root.MapList("results", required: false).Select(m => { var r = ReadResult(m); return Track("result", m, r, $"{r.Scope} {r.Requirement}"); })],
        };

        var problems = WorkspaceRules.Check(workspace);
        if (problems.Count > 0)
        {
            var p = problems[0];
            var more = problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "";
            throw InputException.At(file, lines.TryGetValue((p.Kind, p.Id), out var line) ? line : null, $"{p.Kind} '{p.Id}', field '{p.Field}': {p.Message}{more}");
        }

        // The register refers to zones, conduits and systems: read it once they are known to be sound.
        return root.OptionalMap("risk") is { } risk ? workspace with { Risk = Castellan.Core.Risk.RiskYaml.Read(risk.WithContext("risk"), workspace) } : workspace;
    }

    private static string Id(YamlMap map, string key = "id")
    {
        var id = map.RequiredString(key);
        return id.Length <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? id
            : throw map.Error(key, $"'{id}' is not a valid id (letters, digits, '-', '_', '.'; at most 128)");
    }

    private static Site ReadSite(YamlMap raw)
    {
        var map = raw.WithContext($"site '{raw.OptionalString("id")}'");
        map.RequireOnlyKeys("id", "name", "description", "systems");
        return new Site
        {
            Id = Id(map),
            Name = map.RequiredString("name"),
            Description = map.OptionalString("description"),
            Systems = [.. map.MapList("systems", required: false).Select(s =>
            {
                var system = s.WithContext($"system '{s.OptionalString("id")}'");
                system.RequireOnlyKeys("id", "name", "perimeter", "accessPoints");
                return new SystemUnderConsideration
                {
                    Id = Id(system),
                    Name = system.RequiredString("name"),
                    Perimeter = system.OptionalString("perimeter"),
                    AccessPoints = system.StringList("accessPoints"),
                };
            })],
        };
    }

    private static Zone ReadZone(YamlMap raw)
    {
        var map = raw.WithContext($"zone '{raw.OptionalString("id")}'");
        map.RequireOnlyKeys("id", "site", "name", "purdue", "safety", "criticality", "accountable", "system", "networks",
            "essentialFunctions", "slt", "sltMethod", "sltRationale", "description");
        var purdueText = map.RequiredString("purdue");
        if (!PurdueLevelNames.TryParse(purdueText, out var purdue))
        {
            throw map.Error("purdue", $"'{purdueText}' is not a Purdue level (0, 1, 2, 3, 3.5, 4, 5)");
        }

        var criticality = map.OptionalString("criticality");
        if (criticality is not null and not ("low" or "medium" or "high" or "critical"))
        {
            throw map.Error("criticality", $"'{criticality}' is not low, medium, high or critical");
        }

        var method = map.OptionalString("sltMethod");
        if (method is not null and not ("risk-reduction" or "threat-capability" or "consequence" or "manual"))
        {
            throw map.Error("sltMethod", $"'{method}' is not risk-reduction, threat-capability, consequence or manual");
        }

        return new Zone
        {
            Id = Id(map),
            Site = Id(map, "site"),
            Name = map.RequiredString("name"),
            Purdue = purdue,
            Safety = map.OptionalBool("safety") ?? false,
            Criticality = criticality,
            Accountable = map.OptionalString("accountable"),
            System = map.OptionalString("system"),
            Networks = [.. map.StringList("networks").Select(n => IpNetwork.TryParse(n, out var network) ? network : throw map.Error("networks", $"'{n}' is not a network in CIDR notation (e.g. 10.10.20.0/24)"))],
            EssentialFunctions = map.StringList("essentialFunctions"),
            Slt = Vector(map, "slt"),
            SltBasis = method is null ? null : new SltBasis(method, map.OptionalString("sltRationale")),
            Description = map.OptionalString("description"),
        };
    }

    private static Conduit ReadConduit(YamlMap raw)
    {
        var map = raw.WithContext($"conduit '{raw.OptionalString("id")}'");
        map.RequireOnlyKeys("id", "site", "name", "from", "to", "channels", "slt", "remoteAccess", "approval", "description");
        return new Conduit
        {
            Id = Id(map),
            Site = Id(map, "site"),
            Name = map.RequiredString("name"),
            From = map.RequiredString("from"),
            To = map.RequiredString("to"),
            Channels = [.. map.MapList("channels", required: false).Select(c =>
            {
                c.RequireOnlyKeys("protocol", "port", "direction");
                var direction = c.OptionalString("direction") ?? "both";
                if (direction is not ("from-to" or "to-from" or "both"))
                {
                    throw c.Error("direction", $"'{direction}' is not from-to, to-from or both");
                }

                var port = c.OptionalInt("port");
                return port is < 0 or > 65535 ? throw c.Error("port", $"{port} is not a port 0–65535") : new Channel(c.RequiredString("protocol"), port, direction);
            })],
            Slt = Vector(map, "slt"),
            RemoteAccess = map.OptionalBool("remoteAccess") ?? false,
            Approval = ReadApproval(map),
            Description = map.OptionalString("description"),
        };
    }

    private static Approval? ReadApproval(YamlMap conduit)
    {
        var approval = conduit.OptionalMap("approval");
        if (approval is null)
        {
            return null;
        }

        approval.RequireOnlyKeys("by", "date", "reference");
        return new Approval(approval.RequiredString("by"), Date(approval, "date"), approval.OptionalString("reference"));
    }

    private static Asset ReadAsset(YamlMap raw)
    {
        var map = raw.WithContext($"asset '{raw.OptionalString("id")}'");
        map.RequireOnlyKeys("id", "name", "type", "componentType", "vendor", "model", "firmware", "ip", "mac", "zone", "slc", "legacy",
            "endOfSupport", "patchable", "temporary", "wireless", "supplier", "compensation", "notes");
        var typeText = map.RequiredString("type");
        if (!AssetTypeNames.TryParse(typeText, out var type))
        {
            throw map.Error("type", $"'{typeText}' is not one of {AssetTypeNames.AllWireNames}");
        }

        ComponentType? componentType = null;
        if (map.OptionalString("componentType") is { } ct)
        {
            componentType = Enum.TryParse<ComponentType>(ct, out var parsed) && Enum.IsDefined(parsed) ? parsed : throw map.Error("componentType", $"'{ct}' is not SAR, EDR, HDR or NDR");
        }

        var compensation = map.OptionalMap("compensation");
        compensation?.RequireOnlyKeys("countermeasure", "rationale");
        return new Asset
        {
            Id = Id(map),
            Name = map.OptionalString("name") ?? map.RequiredString("id"),
            Type = type,
            ComponentType = componentType,
            Vendor = map.OptionalString("vendor"),
            Model = map.OptionalString("model"),
            Firmware = map.OptionalString("firmware"),
            Ips = [.. map.StringList("ip").Select(ip => IpAddress.TryParse(ip, out var address) ? address : throw map.Error("ip", $"'{ip}' is not an IP address"))],
            Macs = [.. map.StringList("mac").Select(mac => IsMac(mac) ? mac.ToLowerInvariant().Replace('-', ':') : throw map.Error("mac", $"'{mac}' is not a MAC address (aa:bb:cc:dd:ee:ff)"))],
            Zone = map.OptionalString("zone"),
            Slc = Vector(map, "slc"),
            Legacy = map.OptionalBool("legacy") ?? false,
            EndOfSupport = Date(map, "endOfSupport"),
            Patchable = map.OptionalBool("patchable") ?? true,
            Temporary = map.OptionalBool("temporary") ?? false,
            Wireless = map.OptionalBool("wireless") ?? false,
            Supplier = map.OptionalString("supplier"),
            Compensation = compensation is null ? null : new Compensation(compensation.RequiredString("countermeasure"), compensation.RequiredString("rationale")),
            Notes = map.OptionalString("notes"),
        };
    }

    private static Supplier ReadSupplier(YamlMap raw)
    {
        var map = raw.WithContext($"supplier '{raw.OptionalString("id")}'");
        map.RequireOnlyKeys("id", "name", "roles", "evidence");
        var roles = map.StringList("roles");
        foreach (var role in roles.Where(r => r is not ("product-supplier" or "integration-service-provider" or "maintenance-service-provider")))
        {
            throw map.Error("roles", $"'{role}' is not product-supplier, integration-service-provider or maintenance-service-provider");
        }

        return new Supplier
        {
            Id = Id(map),
            Name = map.RequiredString("name"),
            Roles = roles,
            Evidence = [.. map.MapList("evidence", required: false).Select(e =>
            {
                e.RequireOnlyKeys("kind", "value", "reference");
                return new SupplierEvidence(e.RequiredString("kind"), e.RequiredString("value"), e.OptionalString("reference"));
            })],
        };
    }

    private static DataFlow ReadFlow(YamlMap map)
    {
        map.RequireOnlyKeys("from", "to", "protocol", "port");
        return new DataFlow(map.RequiredString("from"), map.RequiredString("to"), map.OptionalString("protocol"), map.OptionalInt("port"));
    }

    private static RequirementResult ReadResult(YamlMap raw)
    {
        var map = raw.WithContext($"result '{raw.OptionalString("scope")} {raw.OptionalString("requirement")}'");
        map.RequireOnlyKeys("scope", "requirement", "status", "countermeasure", "rationale", "evidence", "assessor", "assessed");
        var statusText = map.RequiredString("status");
        return new RequirementResult
        {
            Scope = map.RequiredString("scope"),
            Requirement = map.RequiredString("requirement"),
            Status = ResultStatusNames.TryParse(statusText, out var status) ? status : throw map.Error("status", $"'{statusText}' is not met, not-met, compensated or not-applicable"),
            Countermeasure = map.OptionalString("countermeasure"),
            Rationale = map.OptionalString("rationale"),
            Evidence = map.OptionalString("evidence"),
            Assessor = map.OptionalString("assessor"),
            Assessed = Date(map, "assessed"),
        };
    }

    private static SlVector? Vector(YamlMap map, string key)
    {
        var text = map.IsList(key) ? string.Join(' ', map.StringList(key)) : map.OptionalString(key);
        if (text is null)
        {
            return null;
        }

        return SlVector.TryParse(text, out var vector, out var error) ? vector : throw map.Error(key, error);
    }

    private static DateOnly? Date(YamlMap map, string key)
    {
        var text = map.OptionalString(key);
        return text is null ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw map.Error(key, $"'{text}' is not a date (yyyy-mm-dd)");
    }

    private static bool IsMac(string text)
    {
        var parts = text.Split(':', '-');
        return parts.Length == 6 && parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit));
    }
}
