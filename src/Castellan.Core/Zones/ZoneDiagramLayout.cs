using Castellan.Domain.SecurityLevels;
using Castellan.Domain.Zones.Rules;
using Castellan.Domain.Zones;

namespace Castellan.Core.Zones;

/// <summary>The diagram's model (zones, external networks, conduits) and its layout by Purdue band: boxes, lanes and routes.</summary>
public static partial class ZoneDiagram
{
    /// <summary>What is drawn: the zones of the site (or all), the conduits between them, their levels and findings.</summary>
    private sealed class Model
    {
        private readonly Dictionary<string, ZoneLevels> _levels = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _assets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Finding>> _issues = new(StringComparer.Ordinal);

        public List<Zone> Zones { get; } = [];

        public Dictionary<string, Zone> ZoneById { get; } = new(StringComparer.Ordinal);

        public List<Conduit> Conduits { get; } = [];

        /// <summary>Site ids in id order, with the site's name for the column header.</summary>
        public List<(string Id, string Name)> Sites { get; } = [];

        public static Model Build(Workspace workspace, IReadOnlyList<ZoneLevels> levels, IReadOnlyList<Finding> findings, string? site)
        {
            var model = new Model();
            foreach (var zone in workspace.Zones.Where(z => site is null || z.Site == site).OrderBy(z => z.Id, StringComparer.Ordinal))
            {
                if (model.ZoneById.TryAdd(zone.Id, zone))
                {
                    model.Zones.Add(zone);
                }
            }

            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var known in workspace.Sites)
            {
                names.TryAdd(known.Id, known.Name);
            }

            foreach (var id in model.Zones.Select(z => z.Site).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                model.Sites.Add((id, names.GetValueOrDefault(id, id)));
            }

            bool Drawable(string end) => end.StartsWith(Conduit.ExternalPrefix, StringComparison.Ordinal)
                ? end.Length > Conduit.ExternalPrefix.Length
                : model.ZoneById.ContainsKey(end);
            model.Conduits.AddRange(workspace.Conduits
                .Where(c => c.From != c.To && Drawable(c.From) && Drawable(c.To) && c.Zones.Any())
                .OrderBy(c => c.Id, StringComparer.Ordinal)
                .DistinctBy(c => c.Id, StringComparer.Ordinal));

            foreach (var level in levels)
            {
                model._levels.TryAdd(level.Zone, level);
            }

            var assetZone = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var asset in workspace.Assets)
            {
                if (asset.Zone is { } zone && assetZone.TryAdd(asset.Id, zone))
                {
                    model._assets[zone] = model._assets.GetValueOrDefault(zone) + 1;
                }
            }

            // A finding about an asset is shown on the asset's zone: the drawing has no asset nodes.
            var serious = findings.Where(f => f.Severity >= Severity.Warning)
                .OrderByDescending(f => f.Severity).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal);
            foreach (var finding in serious)
            {
                foreach (var target in finding.Objects)
                {
                    var key = target.StartsWith("asset:", StringComparison.Ordinal) && assetZone.TryGetValue(target[6..], out var zone) ? "zone:" + zone : target;
                    if (!model._issues.TryGetValue(key, out var list))
                    {
                        model._issues[key] = list = [];
                    }

                    if (list.Count == 0 || !ReferenceEquals(list[^1], finding))
                    {
                        list.Add(finding);
                    }
                }
            }

            return model;
        }

        public IReadOnlyList<Finding> IssuesOf(Zone zone) => _issues.GetValueOrDefault("zone:" + zone.Id) ?? [];

        public IReadOnlyList<Finding> IssuesOf(Conduit conduit) => _issues.GetValueOrDefault("conduit:" + conduit.Id) ?? [];

        public ZoneLevels? LevelsOf(string zone) => _levels.GetValueOrDefault(zone);

        public int AssetCount(string zone) => _assets.GetValueOrDefault(zone);

        public bool HasGap(string zone) => LevelsOf(zone)?.Gap is { } gap && gap.Max > 0;
    }

    private enum Edge
    {
        Top,
        Bottom,
        Left,
        Right,
    }

    /// <summary>A box on the canvas: a zone, or an external network (Row −1, above the bands).</summary>
    private sealed class Node(string key, Zone? zone)
    {
        public string Key { get; } = key;

        public Zone? Zone { get; } = zone;

        public double X { get; set; }

        public double Y { get; set; }

        public double Width { get; set; } = BoxWidth;

        public double Height { get; set; } = BoxHeight;

        public int Row { get; set; } = -1;

        public int Site { get; set; } = -1;

        public int Slot { get; set; }

        public double CenterX => X + (Width / 2);

        /// <summary>Conduit ends on each edge: the other end's position (to order ports and avoid crossings), conduit, which end.</summary>
        public List<(double Other, int Conduit, bool Upper)>[] Ports { get; } = [[], [], [], []];
    }

    private sealed record Band(PurdueLevel Level, double Top, double Height);

    private sealed record SiteColumn(string Name, double X, double Width, double HeaderY);

    /// <summary>A conduit's path: orthogonal segments through the gutters between rows and the channels between columns.</summary>
    private sealed record Route(Conduit Conduit, IReadOnlyList<(double X, double Y)> Points, bool LabelLeft)
    {
        public ConduitLabel? Label { get; init; }
    }

    /// <summary>Where a conduit's id and, under it, its protocols are written.</summary>
    private sealed record ConduitLabel(double X, double IdY, double? ProtocolsY, string Anchor);

    /// <summary>How a conduit runs: edge to edge, over the row, across one gutter, down a free slot column, or down a channel.</summary>
    private enum RouteKind
    {
        Side,
        Over,
        Adjacent,
        IntoLower,
        FromUpper,
        Channel,
    }

    /// <summary>
    /// Positions: a column per site, a band per Purdue level, zones on a slot grid (so the channels between slot columns
    /// are free of boxes in every row), wrapped column-first in order of their neighbours' positions above.
    /// </summary>
    private sealed class Layout
    {
        public List<Node> Nodes { get; } = [];

        public List<Band> Bands { get; } = [];

        public List<SiteColumn> Sites { get; } = [];

        public List<Route> Routes { get; } = [];

        public double Width { get; private set; }

        public double Height { get; private set; }

        public double BandsBottom { get; private set; }

        public double? ExternalsBottom { get; private set; }

        private readonly List<double> _rowTops = [];
        private double[] _siteX = [];
        private int[] _columns = [];

        public static Layout Build(Model model)
        {
            var layout = new Layout();
            var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
            var siteIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var s = 0; s < model.Sites.Count; s++)
            {
                siteIndex[model.Sites[s].Id] = s;
            }

            var groups = new List<Zone>[model.Sites.Count, TopDown.Length];
            foreach (var zone in model.Zones)
            {
                var b = Array.IndexOf(TopDown, zone.Purdue);
                (groups[siteIndex[zone.Site], b] ??= []).Add(zone);
            }

            layout.PlaceSites(model, groups);
            var top = HeaderHeight + (model.Sites.Count > 1 ? SiteHeader : 0);
            var externals = model.Conduits.SelectMany(c => new[] { c.From, c.To })
                .Where(e => e.StartsWith(Conduit.ExternalPrefix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            if (externals.Count > 0)
            {
                layout.ExternalsBottom = top + 8 + ExternalHeight;
                top = layout.ExternalsBottom.Value + (GapY / 2);
            }

            var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var conduit in model.Conduits)
            {
                (neighbours.TryGetValue(conduit.From, out var a) ? a : neighbours[conduit.From] = []).Add(conduit.To);
                (neighbours.TryGetValue(conduit.To, out var b) ? b : neighbours[conduit.To] = []).Add(conduit.From);
            }

            for (var b = 0; b < TopDown.Length; b++)
            {
                var rows = 0;
                for (var s = 0; s < model.Sites.Count; s++)
                {
                    rows = Math.Max(rows, RowsFor(groups[s, b]?.Count ?? 0, layout._columns[s]));
                }

                var height = rows == 0 ? EmptyBand : rows * (BoxHeight + GapY);
                var firstRow = layout._rowTops.Count;
                for (var r = 0; r < rows; r++)
                {
                    layout._rowTops.Add(top + (GapY / 2) + (r * (BoxHeight + GapY)));
                }

                for (var s = 0; s < model.Sites.Count; s++)
                {
                    layout.PlaceBand(groups[s, b] ?? [], s, firstRow, neighbours, nodes);
                }

                layout.Bands.Add(new Band(TopDown[b], top, height));
                top += height;
            }

            layout.BandsBottom = top;
            layout.PlaceExternals(externals, neighbours, nodes);
            var right = Math.Max(layout._siteX.Length == 0 ? 0 : layout._siteX[^1] + (layout._columns[^1] * Pitch), layout.Nodes.Count == 0 ? 0 : layout.Nodes.Max(n => n.X + n.Width));
            layout.Width = Math.Ceiling(Math.Max(980, right + Margin + 8));
            layout.Height = Math.Ceiling(top + 100);
            layout.RouteConduits(model, nodes, model.Conduits.Count > LabelLimit);
            return layout;
        }

        private static int RowsFor(int count, int columns) => count == 0 ? 0 : (count + columns - 1) / columns;

        /// <summary>Slot columns per site: the widest band, made odd when that centres single zones; wide bands wrap.</summary>
        private void PlaceSites(Model model, List<Zone>[,] groups)
        {
            _columns = new int[model.Sites.Count];
            _siteX = new double[model.Sites.Count];
            var x = Margin + LabelColumn;
            for (var s = 0; s < model.Sites.Count; s++)
            {
                var counts = Enumerable.Range(0, TopDown.Length).Select(b => groups[s, b]?.Count ?? 0).ToArray();
                var widest = counts.Max();
                var columns = widest <= 6 ? widest : Math.Clamp((int)Math.Ceiling(Math.Sqrt(widest * 3.0)), 6, 12);
                if (widest <= 6 && columns % 2 == 0 && counts.Any(c => c % 2 == 1))
                {
                    columns++;
                }

                _columns[s] = Math.Max(1, columns);
                _siteX[s] = x;
                Sites.Add(new SiteColumn(model.Sites[s].Name, x, _columns[s] * Pitch, HeaderHeight + 20));
                x += (_columns[s] * Pitch) + SiteGap;
            }
        }

        private void PlaceBand(List<Zone> zones, int site, int firstRow, Dictionary<string, List<string>> neighbours, Dictionary<string, Node> nodes)
        {
            if (zones.Count == 0)
            {
                return;
            }

            // Barycentre ordering: a zone goes under the zones it connects to; zones without placed neighbours keep id order.
            double Pull(Zone zone)
            {
                var (sum, count) = (0.0, 0);
                foreach (var other in neighbours.GetValueOrDefault(zone.Id) ?? [])
                {
                    if (nodes.TryGetValue(other, out var node))
                    {
                        (sum, count) = (sum + node.CenterX, count + 1);
                    }
                }

                return count == 0 ? double.MaxValue : sum / count;
            }

            var ordered = zones.Select((z, i) => (Zone: z, Pull: Pull(z), Index: i)).OrderBy(z => z.Pull).ThenBy(z => z.Index).ToList();
            var columns = _columns[site];
            var rows = RowsFor(zones.Count, columns);
            var used = (zones.Count + rows - 1) / rows;
            for (var i = 0; i < ordered.Count; i++)
            {
                var (column, row) = (i / rows, i % rows);
                var slot = ((2 * column) + 1) * columns / (2 * used);
                var node = new Node(ordered[i].Zone.Id, ordered[i].Zone)
                {
                    X = _siteX[site] + (slot * Pitch) + (GapX / 2),
                    Y = _rowTops[firstRow + row],
                    Row = firstRow + row,
                    Site = site,
                    Slot = slot,
                };
                nodes[node.Key] = node;
                Nodes.Add(node);
            }
        }

        private void PlaceExternals(List<string> externals, Dictionary<string, List<string>> neighbours, Dictionary<string, Node> nodes)
        {
            var left = Margin + LabelColumn;
            var wanted = externals.Select(e =>
            {
                var xs = (neighbours.GetValueOrDefault(e) ?? []).Where(nodes.ContainsKey).Select(z => nodes[z].CenterX).ToList();
                var width = Math.Clamp((e.Length - Conduit.ExternalPrefix.Length) * 7.4 + 36, 110, 240);
                return (Key: e, Width: width, Centre: xs.Count == 0 ? left : xs.Average());
            }).OrderBy(e => e.Centre).ThenBy(e => e.Key, StringComparer.Ordinal);
            foreach (var (key, width, centre) in wanted)
            {
                var x = Math.Max(centre - (width / 2), left);
                var node = new Node(key, null) { X = x, Y = ExternalsBottom!.Value - ExternalHeight, Width = width, Height = ExternalHeight };
                nodes[key] = node;
                Nodes.Add(node);
                left = x + width + 20;
            }
        }

        private void RouteConduits(Model model, Dictionary<string, Node> nodes, bool dense)
        {
            var occupied = Nodes.Where(n => n.Zone is not null).Select(n => (n.Row, n.Site, n.Slot)).ToHashSet();
            bool FreeColumn(int site, int slot, int fromRow, int toRow)
            {
                for (var row = fromRow + 1; row < toRow; row++)
                {
                    if (occupied.Contains((row, site, slot)))
                    {
                        return false;
                    }
                }

                return true;
            }

            var plans = new (Node Upper, Node Lower, RouteKind Kind, double Channel)[model.Conduits.Count];
            for (var i = 0; i < model.Conduits.Count; i++)
            {
                var (a, b) = (nodes[model.Conduits[i].From], nodes[model.Conduits[i].To]);
                var (upper, lower) = a.Row < b.Row || (a.Row == b.Row && a.X <= b.X) ? (a, b) : (b, a);
                var between = lower.Slot - upper.Slot - 1;
                var (kind, channel) = (RouteKind.Channel, double.NaN);
                if (upper.Row == lower.Row)
                {
                    // Straight from edge to edge when nothing is between and (unless labels are off) the label has room.
                    kind = upper.Site == lower.Site && between >= (dense ? 0 : 1) && Enumerable.Range(upper.Slot + 1, between).All(slot => !occupied.Contains((upper.Row, upper.Site, slot)))
                        ? RouteKind.Side : RouteKind.Over;
                }
                else if (lower.Row == upper.Row + 1)
                {
                    kind = RouteKind.Adjacent;
                }
                else if (FreeColumn(lower.Site, lower.Slot, upper.Row, lower.Row))
                {
                    kind = RouteKind.IntoLower;
                }
                else if (upper.Site >= 0 && FreeColumn(upper.Site, upper.Slot, upper.Row, lower.Row))
                {
                    kind = RouteKind.FromUpper;
                }
                else
                {
                    channel = Channel(upper, lower, (upper.CenterX + lower.CenterX) / 2);
                }

                plans[i] = (upper, lower, kind, channel);
                if (kind == RouteKind.Side)
                {
                    upper.Ports[(int)Edge.Right].Add((lower.CenterX, i, true));
                    lower.Ports[(int)Edge.Left].Add((upper.CenterX, i, false));
                }
                else
                {
                    // Ports are ordered by where the line heads next (the other box, or the channel it runs down) so lines do not cross at the box.
                    var channelled = kind == RouteKind.Channel;
                    upper.Ports[(int)(upper.Row < lower.Row ? Edge.Bottom : Edge.Top)].Add((channelled ? channel : lower.CenterX, i, true));
                    lower.Ports[(int)Edge.Top].Add((channelled ? channel : upper.CenterX, i, false));
                }
            }

            var (upperPort, lowerPort) = AssignPorts(model);
            var gutterUse = new Dictionary<int, int>();
            var channelUse = new Dictionary<int, int>();
            double Lane(Dictionary<int, int> use, int key, double spacing)
            {
                var n = use.GetValueOrDefault(key);
                use[key] = n + 1;
                return LaneOrder[n % LaneOrder.Length] * spacing;
            }

            for (var i = 0; i < model.Conduits.Count; i++)
            {
                var (upper, lower, kind, channel) = plans[i];
                var (u, l) = (upperPort[i], lowerPort[i]);
                var below = upper.Y + upper.Height + (GapY / 2);
                var above = lower.Y - (GapY / 2);
                IReadOnlyList<(double X, double Y)> points = kind switch
                {
                    RouteKind.Side when Math.Abs(u.Y - l.Y) < 0.5 => [u, l],
                    RouteKind.Side => [u, ((u.X + l.X) / 2, u.Y), ((u.X + l.X) / 2, l.Y), l],
                    RouteKind.Over => Via(u, l, _rowTops[upper.Row] - (GapY / 2) + Lane(gutterUse, upper.Row - 1, 8)),
                    RouteKind.Adjacent => Via(u, l, ((upper.Y + upper.Height + lower.Y) / 2) + Lane(gutterUse, upper.Row, 8)),
                    RouteKind.IntoLower => Via(u, l, below + Lane(gutterUse, upper.Row, 8)),
                    RouteKind.FromUpper => Via(u, l, above + Lane(gutterUse, lower.Row - 1, 8)),
                    RouteKind.Channel => ViaChannel(u, l, below + Lane(gutterUse, upper.Row, 8), above + Lane(gutterUse, lower.Row - 1, 8),
                        channel + Lane(channelUse, (int)Math.Round(channel), 6)),
                };
                Routes.Add(new Route(model.Conduits[i], points, u.X < upper.CenterX - 1));
            }

            if (!dense)
            {
                PlaceLabels();
            }
        }

        private static IReadOnlyList<(double X, double Y)> Via((double X, double Y) u, (double X, double Y) l, double y) =>
            Math.Abs(u.X - l.X) < 0.5 ? [u, l] : [u, (u.X, y), (l.X, y), l];

        private static IReadOnlyList<(double X, double Y)> ViaChannel((double X, double Y) u, (double X, double Y) l, double y1, double y2, double x) =>
            [u, (u.X, y1), (x, y1), (x, y2), (l.X, y2), l];

        /// <summary>Spreads each edge's conduit ends evenly along it, ordered by where each line goes.</summary>
        private ((double X, double Y)[] Upper, (double X, double Y)[] Lower) AssignPorts(Model model)
        {
            var upperPort = new (double X, double Y)[model.Conduits.Count];
            var lowerPort = new (double X, double Y)[model.Conduits.Count];
            foreach (var node in Nodes)
            {
                for (var e = 0; e < 4; e++)
                {
                    var ports = node.Ports[e];
                    ports.Sort((p, q) => p.Other != q.Other ? p.Other.CompareTo(q.Other) : string.CompareOrdinal(model.Conduits[p.Conduit].Id, model.Conduits[q.Conduit].Id));
                    for (var k = 0; k < ports.Count; k++)
                    {
                        var along = (k + 1.0) / (ports.Count + 1);
                        var width = node.Zone is null ? node.Width * 0.5 : node.Width;
                        var point = (Edge)e switch
                        {
                            Edge.Top => (node.CenterX - (width / 2) + (along * width), node.Y),
                            Edge.Bottom => (node.CenterX - (width / 2) + (along * width), node.Y + node.Height),
                            Edge.Left => (node.X, node.Y + (along * node.Height)),
                            Edge.Right => (node.X + node.Width, node.Y + (along * node.Height)),
                        };
                        (ports[k].Upper ? upperPort : lowerPort)[ports[k].Conduit] = point;
                    }
                }
            }

            return (upperPort, lowerPort);
        }

        /// <summary>
        /// Each label goes to the first spot along its line that overlaps no box and no earlier label: the long horizontal
        /// runs first, then beside the vertical runs. Only used up to <see cref="LabelLimit"/> conduits, so the pairwise
        /// check stays small.
        /// </summary>
        private void PlaceLabels()
        {
            var taken = Nodes.Select(n => (n.X, n.Y, n.Width, n.Height)).ToList();
            var (left, right) = (Margin + LabelColumn, Width - Margin);
            for (var r = 0; r < Routes.Count; r++)
            {
                var route = Routes[r];
                var (id, protocols) = LabelText(route.Conduit);
                var candidates = LabelCandidates(route, id.Length * 6.2, Math.Max(id.Length * 6.2, protocols.Length * 5.3))
                    .Where(c => c.Box.X >= left && c.Box.X + c.Box.Width <= right).OrderByDescending(c => c.Rank).ToList();
                if (candidates.Count > 0)
                {
                    var chosen = candidates.FirstOrDefault(c => !taken.Any(t => Overlaps(t, c.Box)), candidates[0]);
                    taken.Add(chosen.Box);
                    Routes[r] = route with { Label = chosen.Label };
                }
            }
        }

        /// <summary>Spots along a route: across the long horizontal runs, then beside the vertical runs, with protocols when they fit.</summary>
        private static IEnumerable<(ConduitLabel Label, (double X, double Y, double Width, double Height) Box, double Rank)> LabelCandidates(Route route, double idWidth, double fullWidth)
        {
            for (var i = 1; i < route.Points.Count; i++)
            {
                var (a, b) = (route.Points[i - 1], route.Points[i]);
                var length = Math.Abs(a.X - b.X) + Math.Abs(a.Y - b.Y);
                foreach (var (withProtocols, width) in new[] { (true, fullWidth + 4), (false, idWidth + 4) })
                {
                    var rank = (withProtocols ? 1000 : 0) + length;
                    if (Math.Abs(a.Y - b.Y) < 0.5 && length >= 40)
                    {
                        var mid = (a.X + b.X) / 2;
                        yield return (new(mid, a.Y - 5, withProtocols ? a.Y + 11 : null, "middle"), (mid - (width / 2), a.Y - 13, width, withProtocols ? 26 : 11), rank + (length >= width + 10 ? 500 : 0));
                    }
                    else if (Math.Abs(a.X - b.X) < 0.5 && length >= 30)
                    {
                        foreach (var along in new[] { 0.5, 0.3, 0.7 })
                        {
                            var y = a.Y + ((b.Y - a.Y) * along);
                            var height = withProtocols ? 26 : 14;
                            var preferred = along == 0.5 ? 2 : 0;
                            yield return (new(a.X + 6, y - 2, withProtocols ? y + 9 : null, "start"), (a.X + 4, y - 13, width, height), rank + preferred + (route.LabelLeft ? 0 : 1));
                            yield return (new(a.X - 6, y - 2, withProtocols ? y + 9 : null, "end"), (a.X - 4 - width, y - 13, width, height), rank + preferred + (route.LabelLeft ? 1 : 0));
                        }
                    }
                }
            }
        }

        private static bool Overlaps((double X, double Y, double Width, double Height) a, (double X, double Y, double Width, double Height) b) =>
            a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

        /// <summary>The free vertical channel (between slot columns of the lower or upper zone's site) nearest to <paramref name="target"/>.</summary>
        private double Channel(Node upper, Node lower, double target)
        {
            var best = double.NaN;
            foreach (var site in new[] { lower.Site, upper.Site })
            {
                if (site < 0)
                {
                    continue;
                }

                var k = Math.Clamp((int)Math.Round((target - _siteX[site]) / Pitch), 0, _columns[site]);
                var x = _siteX[site] + (k * Pitch);
                if (double.IsNaN(best) || Math.Abs(x - target) < Math.Abs(best - target))
                {
                    best = x;
                }
            }

            return best;
        }
    }
}
