using Castellan.Core.Common;
using Microsoft.AspNetCore.Http;

namespace Castellan.Web.Hosting;

/// <summary>Upload limits, checked before a byte is read: size from the request, type from the name and the first bytes.</summary>
public static class Uploads
{
    /// <summary>The largest request Kestrel accepts at all.</summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    public const long MaxSpreadsheetBytes = 16L * 1024 * 1024;

    public const long MaxEvidenceBytes = 32L * 1024 * 1024;

    /// <summary>Refuses a file that is empty, too large, or whose extension is not one of <paramref name="extensions"/>.</summary>
    public static void Check(IFormFile? file, string field, long maxBytes, params string[] extensions)
    {
        if (file is null || file.Length == 0)
        {
            throw new InputException($"{field}: choose a file");
        }

        if (file.Length > maxBytes)
        {
            throw new InputException($"{field}: {file.FileName} is {file.Length / 1024 / 1024.0:0.0} MB; the limit is {maxBytes / 1024 / 1024} MB");
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (!extensions.Contains(extension, StringComparer.Ordinal))
        {
            throw new InputException($"{field}: {file.FileName} is not a {string.Join(" / ", extensions)} file");
        }
    }
}
