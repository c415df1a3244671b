using Castellan.Domain.Soa;

using Castellan.Core.Common.Tables;

namespace Castellan.Core.Soa;

/// <summary>
/// Turns the data rows under the header into SoA entries, accounting for every non-blank row. The file's numbering
/// (2022: "A.5.15", two parts; 2013: "A.9.2.1", three parts) is decided by majority over the rows. 2013 rows are carried
/// to 2022 through the correspondence; several landing on one 2022 control are combined without overstating it.
/// </summary>
internal static class SoaRows
{
    /// <summary>A row that passed every check, as an entry still under the file's own numbering.</summary>
    private sealed record Accepted(int Row, SoaEntry Entry);

    /// <summary>The non-blank data rows with the Annex A number each starts with, and the numbering most of them use.</summary>
    public sealed record Numbered(List<SheetRow> Data, AnnexNumber?[] Numbers, bool From2013);

    public static Numbered Number(SoaLayout layout, IReadOnlyList<SheetRow> rows)
    {
        var data = rows.Skip(layout.HeaderIndex + 1).Where(r => !r.IsBlank).ToList();
        var numbers = new AnnexNumber?[data.Count];
        var (twoParts, threeParts) = (0, 0);
        for (var i = 0; i < data.Count; i++)
        {
            numbers[i] = SoaValues.ParseControlId(layout.Value(data[i], SoaField.Control) ?? "");
            twoParts += numbers[i]?.Parts == 2 ? 1 : 0;
            threeParts += numbers[i]?.Parts == 3 ? 1 : 0;
        }

        return new Numbered(data, numbers, threeParts > twoParts);
    }

    /// <summary><paramref name="annex"/> needs its 2013 part only when the rows use 2013 numbering.</summary>
    public static (IReadOnlyList<SoaEntry> Entries, IReadOnlyList<SoaRowOutcome> Outcomes) Read(SoaLayout layout, Numbered numbered, AnnexA annex)
    {
        var (data, numbers, from2013) = numbered;
        var outcomes = new List<SoaRowOutcome>();
        var accepted = new List<Accepted>();
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < data.Count; i++)
        {
            var row = data[i];
            var refusal = Check(layout.Value(row, SoaField.Control) ?? "", numbers[i], from2013, annex);
            if (refusal is null && firstRow.TryGetValue(numbers[i]!.Id, out var first))
            {
                refusal = $"duplicate: control {numbers[i]!.Id} is already on row {first}; only the first is used";
            }

            if (numbers[i] is { } seen)
            {
                firstRow.TryAdd(seen.Id, row.Number);
            }

            var entry = refusal is null ? ReadEntry(layout, row, numbers[i]!.Id, out refusal) : null;
            if (entry is null)
            {
                outcomes.Add(new SoaRowOutcome(row.Number, SoaRowOutcome.Refused, numbers[i]?.Id, refusal!));
            }
            else
            {
                accepted.Add(new Accepted(row.Number, entry));
                if (!from2013)
                {
                    outcomes.Add(new SoaRowOutcome(row.Number, SoaRowOutcome.Imported, entry.ControlId, "imported"));
                }
            }
        }

        var entries = from2013 ? Convert(accepted, outcomes, annex) : accepted.Select(a => a.Entry).ToList();
        return ([.. entries.OrderBy(e => annex.Order(e.ControlId))], [.. outcomes.OrderBy(o => o.Row)]);
    }

    /// <summary>Why the row's control cell cannot be used under the file's numbering, or null.</summary>
    private static string? Check(string cell, AnnexNumber? number, bool from2013, AnnexA annex)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return "no control number in the control column";
        }

        if (number is not { } n)
        {
            return $"'{cell.Trim()}' is not an Annex A control number (e.g. A.5.15)";
        }

        return (n.Parts, from2013) switch
        {
            (1, _) => $"'{n.Id}' is a heading, not a control",
            (2, false) when !annex.Is2022Control(n.Id) => $"unknown control id '{n.Id}': not an ISO/IEC 27001:2022 Annex A control",
            (3, false) => $"'{n.Id}' is ISO/IEC 27001:2013 numbering, but most rows of the file use 2022 numbering",
            (2, true) when annex.Is2013Objective(n.Id) => $"'{n.Id}' is a control objective heading in ISO/IEC 27001:2013, not a control",
            (2, true) => $"'{n.Id}' is not an ISO/IEC 27001:2013 Annex A control (most rows of the file use 2013 numbering)",
            (3, true) when !annex.Is2013Control(n.Id) => $"unknown control id '{n.Id}': not an ISO/IEC 27001:2013 Annex A control",
            (3, true) when annex.TargetsOf2013(n.Id).Count == 0 => $"'{n.Id}' has no counterpart in ISO/IEC 27001:2022",
            _ => null,
        };
    }

    private static SoaEntry? ReadEntry(SoaLayout layout, SheetRow row, string controlId, out string? refusal)
    {
        refusal = null;
        var applicableCell = layout.Value(row, SoaField.Applicable);
        var applicable = applicableCell is null ? null : SoaValues.ParseApplicable(applicableCell);
        if (applicable is null)
        {
            refusal = applicableCell switch
            {
                null => "the file has no applicable column, so the row does not say whether the control applies",
                _ when string.IsNullOrWhiteSpace(applicableCell) => "applicable is empty: say whether the control applies (yes or no)",
                _ => $"applicable value '{applicableCell.Trim()}' is not understood (use yes or no)",
            };
            return null;
        }

        var statusCell = layout.Value(row, SoaField.Implementation) ?? "";
        var status = SoaValues.ParseImplementation(statusCell);
        if (status is null && applicable.Value)
        {
            refusal = $"implementation status '{statusCell.Trim()}' is not understood (use implemented, partially implemented, planned or not implemented)";
            return null;
        }

        // An excluded control's status is not assessed (SoaEntry), so an odd value there ("n/a") refuses nothing.
        return new SoaEntry
        {
            ControlId = controlId,
            Applicable = applicable.Value,
            Implementation = status ?? ImplementationStatus.NotImplemented,
            Justification = SoaValues.Text(layout.Value(row, SoaField.Justification)),
            Owner = SoaValues.Text(layout.Value(row, SoaField.Owner)),
            Evidence = SoaValues.Text(layout.Value(row, SoaField.Evidence)),
            Notes = SoaValues.Text(layout.Value(row, SoaField.Notes)),
        };
    }

    /// <summary>ISO/IEC 27002:2022 Annex B: each 2013 entry goes to its 2022 control(s); entries meeting on one control are combined.</summary>
    private static List<SoaEntry> Convert(List<Accepted> accepted, List<SoaRowOutcome> outcomes, AnnexA annex)
    {
        var byTarget = accepted
            .SelectMany(a => annex.TargetsOf2013(a.Entry.ControlId).Select(target => (Target: target, Source: a.Entry)))
            .GroupBy(p => p.Target, p => p.Source, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var (row, entry) in accepted)
        {
            var parts = annex.TargetsOf2013(entry.ControlId).Select(target =>
            {
                var others = byTarget[target].Where(s => s.ControlId != entry.ControlId).Select(s => s.ControlId).ToList();
                return others.Count == 0 ? target : $"{target} (combined with {string.Join(", ", others)})";
            });
            outcomes.Add(new SoaRowOutcome(row, SoaRowOutcome.Converted, entry.ControlId, $"converted to {string.Join(" and ", parts)}"));
        }

        return [.. byTarget.Select(g => Combine(g.Key, g.Value))];
    }

    /// <summary>
    /// Applicable if any source is; implemented only as far as the least implemented applicable source, so nothing is
    /// overstated; texts joined with "; ".
    /// </summary>
    private static SoaEntry Combine(string target, List<SoaEntry> sources)
    {
        var applicable = sources.Where(s => s.Applicable).ToList();
        return new SoaEntry
        {
            ControlId = target,
            Applicable = applicable.Count > 0,
            Implementation = (applicable.Count > 0 ? applicable : sources).Min(s => s.Implementation),
            Justification = Join(sources.Select(s => s.Justification)),
            Owner = Join(sources.Select(s => s.Owner)),
            Evidence = Join(sources.Select(s => s.Evidence)),
            Notes = Join(sources.Select(s => s.Notes)),
            ConvertedFrom = string.Join(", ", sources.Select(s => s.ControlId)),
        };
    }

    private static string? Join(IEnumerable<string?> texts)
    {
        var distinct = texts.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? null : string.Join("; ", distinct);
    }
}
