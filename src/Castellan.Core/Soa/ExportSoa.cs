using Castellan.Core.Common;
using Castellan.Core.Persistence;

namespace Castellan.Core.Soa;

/// <summary>The stored SoA as a CSV or XLSX file (<see cref="SoaWriter"/>: all 93 controls, formulas escaped), read back by <see cref="ImportSoa"/>.</summary>
public sealed class ExportSoa(CastellanDbContext db)
{
    public sealed record Exported(string Name, string ContentType, byte[] Content);

    public async Task<Exported> RunAsync(string format, CancellationToken cancellationToken = default)
    {
        var soa = (await new LoadSoa(db).RunAsync(cancellationToken)).ToStatement();
        using var buffer = new MemoryStream();
        switch (format.ToLowerInvariant())
        {
            case "csv":
                SoaWriter.WriteCsv(soa, buffer);
                return new Exported("soa.csv", "text/csv; charset=utf-8", buffer.ToArray());
            case "xlsx":
                SoaWriter.WriteXlsx(soa, buffer);
                return new Exported("soa.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer.ToArray());
            default:
                throw new InputException($"format: '{format}' is not csv or xlsx");
        }
    }
}
