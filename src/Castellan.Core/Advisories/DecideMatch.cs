using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Advisories;

/// <summary>
/// Records a person's verdict on a suggested match (dismissed with a reason, or confirmed). Decisions are keyed by
/// tracking id, product id ("*" for every product of the advisory) and asset id, so they survive re-import of the
/// advisory and of the workspace. Deciding again replaces the earlier verdict.
/// </summary>
public sealed class DecideMatch(DatabaseTarget database, TimeProvider clock, string actor = "system")
{
    public async Task<bool> RunAsync(string trackingId, string? productId, string assetId, string decision, string? reason, string? by, CancellationToken cancellationToken = default)
    {
        if (decision is not ("dismissed" or "confirmed"))
        {
            throw new UsageException($"decision '{decision}': dismissed or confirmed");
        }

        if (decision == "dismissed" && string.IsNullOrWhiteSpace(reason))
        {
            throw new UsageException("a dismissal states its reason (--reason)");
        }

        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        if (!await db.Advisories.AnyAsync(a => a.TrackingId == trackingId, cancellationToken))
        {
            throw new UsageException($"no advisory '{trackingId}' in the database; import it first with 'castellan advisories import'");
        }

        var product = string.IsNullOrWhiteSpace(productId) ? FindVulnerabilities.AnyProduct : productId;
        var row = await db.AdvisoryMatchDecisions.FirstOrDefaultAsync(d => d.TrackingId == trackingId && d.ProductId == product && d.AssetId == assetId, cancellationToken);
        var replaced = row is not null;
        if (row is null)
        {
            row = new() { TrackingId = trackingId, ProductId = product, AssetId = assetId, Decision = decision };
            db.AdvisoryMatchDecisions.Add(row);
        }

        row.Decision = decision;
        row.Reason = reason;
        row.By = by;
        row.At = clock.GetUtcNow();
        await new Audit.AuditTrail(clock).AppendAsync(db, new Audit.AuditEntry(actor, "", "advisory-match." + decision, $"advisory/{trackingId}/product/{product}/asset/{assetId}", null,
            Audit.AuditJson.Object(("decision", decision), ("reason", reason ?? ""), ("by", by ?? ""))), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return replaced;
    }
}
