using System.Globalization;
using System.Text;
using Castellan.Domain.Assets;
using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones;

namespace Castellan.Core.Zones;

/// <summary>
/// Writes a workspace back as YAML in the order of docs/workspace.md. Lossless: <see cref="WorkspaceYaml.Read"/> of the
/// output gives the same workspace. Every string is double-quoted with JSON escapes (valid YAML 1.2), so no value can
/// change type or meaning on the way back.
/// </summary>
public static class WorkspaceYamlWriter
{
    public static string Write(Workspace workspace)
    {
        var y = new StringBuilder();
        y.Append("castellan: ").Append(WorkspaceYaml.FormatVersion).Append('\n');
        Field(y, 0, "organisation", workspace.Organisation);
        Section(y, "sites", workspace.Sites, (s, site) =>
        {
            Field(s, 2, "id", site.Id, first: true);
            Field(s, 2, "name", site.Name);
            Field(s, 2, "description", site.Description);
            if (site.Systems.Count > 0)
            {
                s.Append("    systems:\n");
                foreach (var system in site.Systems)
                {
                    Field(s, 3, "id", system.Id, first: true);
                    Field(s, 3, "name", system.Name);
                    Field(s, 3, "perimeter", system.Perimeter);
                    List(s, 3, "accessPoints", system.AccessPoints);
                }
            }
        });
        Section(y, "zones", workspace.Zones, (s, z) =>
        {
            Field(s, 2, "id", z.Id, first: true);
            Field(s, 2, "site", z.Site);
            Field(s, 2, "name", z.Name);
            Raw(s, 2, "purdue", Quote(z.Purdue.ToWire()));
            Raw(s, 2, "safety", z.Safety ? "true" : "false");
            Field(s, 2, "criticality", z.Criticality);
            Field(s, 2, "accountable", z.Accountable);
            Field(s, 2, "system", z.System);
            List(s, 2, "networks", [.. z.Networks.Select(n => n.Text)]);
            List(s, 2, "essentialFunctions", z.EssentialFunctions);
            Vector(s, 2, "slt", z.Slt);
            Field(s, 2, "sltMethod", z.SltBasis?.Method);
            Field(s, 2, "sltRationale", z.SltBasis?.Rationale);
            Field(s, 2, "description", z.Description);
        });
        Section(y, "conduits", workspace.Conduits, (s, c) =>
        {
            Field(s, 2, "id", c.Id, first: true);
            Field(s, 2, "site", c.Site);
            Field(s, 2, "name", c.Name);
            Field(s, 2, "from", c.From);
            Field(s, 2, "to", c.To);
            if (c.Channels.Count > 0)
            {
                s.Append("    channels:\n");
                foreach (var ch in c.Channels)
                {
                    s.Append("      - { protocol: ").Append(Quote(ch.Protocol));
                    if (ch.Port is { } port)
                    {
                        s.Append(", port: ").Append(port.ToString(CultureInfo.InvariantCulture));
                    }

                    s.Append(", direction: ").Append(Quote(ch.Direction)).Append(" }\n");
                }
            }

            Vector(s, 2, "slt", c.Slt);
            Raw(s, 2, "remoteAccess", c.RemoteAccess ? "true" : "false");
            if (c.Approval is { } a)
            {
                s.Append("    approval: { by: ").Append(Quote(a.By));
                if (a.Date is { } date)
                {
                    s.Append(", date: ").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                if (a.Reference is not null)
                {
                    s.Append(", reference: ").Append(Quote(a.Reference));
                }

                s.Append(" }\n");
            }

            Field(s, 2, "description", c.Description);
        });
        Section(y, "assets", workspace.Assets, (s, a) =>
        {
            Field(s, 2, "id", a.Id, first: true);
            Field(s, 2, "name", a.Name);
            Field(s, 2, "type", a.Type.ToWire());
            Field(s, 2, "componentType", a.ComponentType?.ToString());
            Field(s, 2, "vendor", a.Vendor);
            Field(s, 2, "model", a.Model);
            Field(s, 2, "firmware", a.Firmware);
            List(s, 2, "ip", [.. a.Ips.Select(ip => ip.ToString())]);
            List(s, 2, "mac", a.Macs);
            Field(s, 2, "zone", a.Zone);
            Vector(s, 2, "slc", a.Slc);
            Bool(s, "legacy", a.Legacy, false);
            if (a.EndOfSupport is { } end)
            {
                Raw(s, 2, "endOfSupport", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            Bool(s, "patchable", a.Patchable, true);
            Bool(s, "temporary", a.Temporary, false);
            Bool(s, "wireless", a.Wireless, false);
            Field(s, 2, "supplier", a.Supplier);
            if (a.Compensation is { } comp)
            {
                s.Append("    compensation: { countermeasure: ").Append(Quote(comp.Countermeasure)).Append(", rationale: ").Append(Quote(comp.Rationale)).Append(" }\n");
            }

            Field(s, 2, "notes", a.Notes);
        });
        Section(y, "suppliers", workspace.Suppliers, (s, sup) =>
        {
            Field(s, 2, "id", sup.Id, first: true);
            Field(s, 2, "name", sup.Name);
            List(s, 2, "roles", sup.Roles);
            if (sup.Evidence.Count > 0)
            {
                s.Append("    evidence:\n");
                foreach (var e in sup.Evidence)
                {
                    s.Append("      - { kind: ").Append(Quote(e.Kind)).Append(", value: ").Append(Quote(e.Value));
                    if (e.Reference is not null)
                    {
                        s.Append(", reference: ").Append(Quote(e.Reference));
                    }

                    s.Append(" }\n");
                }
            }
        });
        Section(y, "flows", workspace.Flows, (s, f) =>
        {
            s.Append("  - { from: ").Append(Quote(f.From)).Append(", to: ").Append(Quote(f.To));
            if (f.Protocol is not null)
            {
                s.Append(", protocol: ").Append(Quote(f.Protocol));
            }

            if (f.Port is { } port)
            {
                s.Append(", port: ").Append(port.ToString(CultureInfo.InvariantCulture));
            }

            s.Append(" }\n");
        });
        Section(y, "results", workspace.Results, (s, r) =>
        {
            s.Append("  - { scope: ").Append(Quote(r.Scope)).Append(", requirement: ").Append(Quote(r.Requirement)).Append(", status: ").Append(r.Status.ToWire());
            foreach (var (key, value) in new[] { ("countermeasure", r.Countermeasure), ("rationale", r.Rationale), ("evidence", r.Evidence), ("assessor", r.Assessor) })
            {
                if (value is not null)
                {
                    s.Append(", ").Append(key).Append(": ").Append(Quote(value));
                }
            }

            if (r.Assessed is { } assessed)
            {
                s.Append(", assessed: ").Append(assessed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            s.Append(" }\n");
        });
        if (workspace.Risk is { } risk)
        {
            Castellan.Core.Risk.RiskYamlWriter.Write(y, risk);
        }

        return y.ToString();
    }

    private static void Section<T>(StringBuilder y, string name, IReadOnlyList<T> items, Action<StringBuilder, T> write)
    {
        if (items.Count == 0)
        {
            return;
        }

        y.Append(name).Append(":\n");
        foreach (var item in items)
        {
            write(y, item);
        }
    }

    /// <summary>Indents by 2 × depth; the first field of a list item replaces its last two spaces with "- ".</summary>
    private static void Field(StringBuilder y, int depth, string key, string? value, bool first = false)
    {
        if (value is not null)
        {
            Raw(y, depth, key, Quote(value), first);
        }
    }

    private static void Raw(StringBuilder y, int depth, string key, string value, bool first = false)
    {
        var indent = new string(' ', 2 * depth);
        if (first)
        {
            indent = indent[..^2] + "- ";
        }

        y.Append(indent).Append(key).Append(": ").Append(value).Append('\n');
    }

    private static void Bool(StringBuilder y, string key, bool value, bool defaultValue)
    {
        if (value != defaultValue)
        {
            Raw(y, 2, key, value ? "true" : "false");
        }
    }

    private static void List(StringBuilder y, int depth, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            Raw(y, depth, key, "[" + string.Join(", ", values.Select(Quote)) + "]");
        }
    }

    private static void Vector(StringBuilder y, int depth, string key, SlVector? vector)
    {
        if (vector is { } v)
        {
            Raw(y, depth, key, Quote(v.ToString()));
        }
    }

    /// <summary>A JSON string literal is a valid YAML double-quoted scalar.</summary>
    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value, QuoteOptions);

    private static readonly System.Text.Json.JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
