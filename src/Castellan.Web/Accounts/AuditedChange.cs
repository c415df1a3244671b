using Castellan.Core.Audit;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Castellan.Web.Accounts;

/// <summary>
/// Runs Identity's UserManager changes (which save through the same scoped DbContext) in one transaction with their
/// audit record: the record is appended first, so UserManager's SaveChanges writes both; a failed change commits nothing.
/// </summary>
internal static class AuditedChange
{
    public static async Task RunAsync(CastellanDbContext db, TimeProvider clock, AuditEntry entry, Func<Task<IdentityResult>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginWriteAsync(cancellationToken);
        await new AuditTrail(clock).AppendAsync(db, entry, cancellationToken);
        var result = await change();
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            throw new InputException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
