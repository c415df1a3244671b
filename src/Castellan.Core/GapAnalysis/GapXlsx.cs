using System.Globalization;
using Castellan.Core.Common;
using Castellan.Domain.GapAnalysis;
using Castellan.Domain.Mappings;

namespace Castellan.Core.GapAnalysis;

/// <summary>The gap report as a workbook: per target a summary, the prioritised actions and one row per evidence link.</summary>
public static class GapXlsx
{
    public static void Write(Stream output, IReadOnlyList<GapReport> reports)
    {
        var sheets = new List<XlsxSheet>();
        foreach (var report in reports)
        {
            var prefix = reports.Count == 1 ? "" : $"{reports.ToList().IndexOf(report) + 1} ";
            sheets.Add(new XlsxSheet(prefix + "Summary", ["target", "area", "title", "requirements", "covered", "partially covered", "not covered", "OT-specific", "not applicable", "coverage %"],
                report.Summary.Append(report.Total).Select(a => (IReadOnlyList<string>)[
                    report.Target.ToString(), a.Area, a.Title, I(a.Total), I(a.Covered), I(a.Partial), I(a.NotCovered), I(a.OtSpecific), I(a.NotApplicable),
                    a.CoveragePercent.ToString("0.#", CultureInfo.InvariantCulture)])));
            sheets.Add(new XlsxSheet(prefix + "Actions", ["rank", "requirement", "title", "required from", "status", "action"],
                report.Actions.Select(a => (IReadOnlyList<string>)[I(a.Rank), a.RequirementId, a.Title, a.Level is { } l ? I(l) : "", a.Status.ToWire(), a.Action])));
            sheets.Add(new XlsxSheet(prefix + "Results", ["requirement", "title", "area", "required from", "status", "explanation", "control", "control title", "SoA", "relationship", "strength", "contribution", "provenance", "mapping status", "OT notes"],
                report.Results.SelectMany(r => (r.Evidence.Count == 0 ? [null] : r.Evidence.Cast<Evidence?>()).Select(e => (IReadOnlyList<string>)[
                    r.Requirement.Id, r.Requirement.Title, r.Area, r.Requirement.Levels.First is { } f ? I(f) : "", r.Status.ToWire(), r.Explanation,
                    e?.ControlId ?? "", e?.ControlTitle ?? "", e?.SoaState ?? "", e?.Relationship.ToWire() ?? "", e?.Strength is { } s ? I(s) : "",
                    e?.Contribution.ToString().ToLowerInvariant() ?? "", e?.Provenance ?? "", e?.MappingStatus.ToString().ToLowerInvariant() ?? "",
                    string.Join(" | ", r.Notes.Select(n => $"{n.Concern}: {n.Text}"))]))));
        }

        XlsxWriter.Write(output, sheets);
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
