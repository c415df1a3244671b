using Castellan.Domain.Soa;

namespace Castellan.Core.Soa;

/// <summary>
/// What became of one data row of an imported SoA. <see cref="Row"/> is 1-based as the user sees it (the spreadsheet
/// row, or the CSV record counting from the first line). <see cref="Outcome"/> is "imported" (a 2022 id taken as is),
/// "converted" (a 2013 id carried over to 2022; <see cref="Message"/> names the 2022 id(s)) or "refused" (with the
/// reason). <see cref="ControlId"/> is the row's own id, normalised ("A.9.2.1"), or null when none could be read.
/// </summary>
public sealed record SoaRowOutcome(int Row, string Outcome, string? ControlId, string Message)
{
    public const string Imported = "imported";
    public const string Converted = "converted";
    public const string Refused = "refused";
}

/// <summary>The result of reading an SoA file: the SoA, one outcome per non-blank data row, and what the user should know.</summary>
public sealed record SoaImport(StatementOfApplicability Soa, IReadOnlyList<SoaRowOutcome> Rows, string? Warning);
