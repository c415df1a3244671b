using System.Text;
using Castellan.Core.Common;
using Castellan.Core.GapAnalysis;
using Castellan.Domain.GapAnalysis;

namespace Castellan.Web.GapAnalysis;

/// <summary>A gap report as a download (the CLI's renderers): JSON, HTML or XLSX, named after its target.</summary>
internal static class GapFiles
{
    public sealed record File(string Name, string ContentType, byte[] Content);

    /// <summary>The format, lower-cased; an input error unless it is json, html or xlsx.</summary>
    public static string Format(string? format)
    {
        var kind = (format ?? "json").ToLowerInvariant();
        return kind is "json" or "html" or "xlsx" ? kind : throw new InputException($"format: '{format}' is not json, html or xlsx");
    }

    /// <summary>The HTML report carries its own inline style: it is an attachment, never shown under this site's origin.</summary>
    public static File Render(GapReport report, string format, DateTimeOffset generated)
    {
        var name = "gap-" + report.Target.ToString().Replace('@', '-').ToLowerInvariant();
        using var buffer = new MemoryStream();
        switch (Format(format))
        {
            case "html":
                buffer.Write(Encoding.UTF8.GetBytes(GapHtml.Render([report], "stored SoA", generated)));
                return new File(name + ".html", "text/html; charset=utf-8", buffer.ToArray());
            case "xlsx":
                GapXlsx.Write(buffer, [report]);
                return new File(name + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer.ToArray());
            default:
                GapJson.Write(buffer, [report]);
                return new File(name + ".json", "application/json", buffer.ToArray());
        }
    }
}
