using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Risk;

/// <summary>
/// An edit based on an older version of the risk register: nothing was written. Both versions are named so the person
/// can read the register again and re-apply the change. A <see cref="DbUpdateConcurrencyException"/>, so any host that
/// maps concurrency conflicts to 409 maps this one too.
/// </summary>
public sealed class RiskRegisterConflictException(long yours, long theirs)
    : DbUpdateConcurrencyException($"The risk register changed since you read it: your edit is based on version {yours}, the register is now at version {theirs}. Nothing was saved; read it again, then apply your change.")
{
    public long Yours { get; } = yours;

    public long Theirs { get; } = theirs;
}
