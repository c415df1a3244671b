using Castellan.Core.Zones;
using Castellan.Domain.Soa;

namespace Castellan.Core.Soa;

/// <summary>
/// One ISO/IEC 27001:2022 Annex A control as the organisation's stored SoA holds it. <see cref="Entry"/> is null
/// while the SoA says nothing about the control (never edited, or absent from the last imported file); the gap
/// analysis then reports it as "not in SoA". <see cref="Version"/> is 0 until the control's row is first written.
/// </summary>
public sealed record StoredSoaEntry(string ControlId, string Title, SoaEntry? Entry, long Version);

/// <summary>The stored SoA: always the 93 controls of Annex A, in the order of the standard.</summary>
public sealed record StoredSoa(IReadOnlyList<StoredSoaEntry> Controls)
{
    /// <summary>workspace_objects.Kind of an SoA row (site "", id = the control id).</summary>
    public const string Kind = "soa";

    public int Stated => Controls.Count(c => c.Entry is not null);

    /// <summary>The controls the SoA states something about, as the domain's SoA.</summary>
    public StatementOfApplicability ToStatement() => new(Controls.Select(c => c.Entry).OfType<SoaEntry>());
}

/// <summary>
/// The JSON of an SoA row (workspace_objects.Json): the entry without its control id (that is the row's id), the
/// implementation status by its wire name. <c>applicable</c> absent = the SoA says nothing about the control.
/// </summary>
internal sealed record SoaRowJson(bool? Applicable, string? Justification, string? Implementation, string? Owner, string? Evidence, string? Notes, string? ConvertedFrom)
{
    public static string Of(SoaEntry? entry) => WorkspaceJson.Serialize(entry is null
        ? new SoaRowJson(null, null, null, null, null, null, null)
        : new SoaRowJson(entry.Applicable, entry.Justification, entry.Implementation.ToWire(), entry.Owner, entry.Evidence, entry.Notes, entry.ConvertedFrom));

    public static SoaEntry? Read(string controlId, string json)
    {
        var row = WorkspaceJson.Deserialize<SoaRowJson>(json);
        if (row.Applicable is not { } applicable)
        {
            return null;
        }

        return new SoaEntry
        {
            ControlId = controlId,
            Applicable = applicable,
            Justification = row.Justification,
            Implementation = ImplementationStatusNames.TryParse(row.Implementation, out var status) ? status : ImplementationStatus.NotImplemented,
            Owner = row.Owner,
            Evidence = row.Evidence,
            Notes = row.Notes,
            ConvertedFrom = row.ConvertedFrom,
        };
    }
}
