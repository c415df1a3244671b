using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Results;

/// <summary>The bytes of one evidence file of a zone's result, for download.</summary>
public sealed class ReadEvidence(CastellanDbContext db)
{
    public sealed record File(string FileName, string ContentType, string Sha256, byte[] Content);

    public async Task<File> RunAsync(string site, string zone, string requirement, long key, CancellationToken cancellationToken = default)
    {
        var scope = ReadZoneResults.Scope(zone);
        return await db.Evidence.AsNoTracking().Where(e => e.Key == key && e.Site == site && e.Scope == scope && e.Requirement == requirement)
                .Select(e => new File(e.FileName, e.ContentType, e.Sha256, e.Content)).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UsageException($"no evidence {key} for {requirement} in zone '{zone}'");
    }
}
